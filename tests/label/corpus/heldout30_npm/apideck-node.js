// @apideck/unify (Apideck's own TypeScript SDK for its unified APIs): the interview tool's backend
// adds the candidate as an applicant in the connected ATS, moves his application to the
// interview stage, looks the interviewer up in the HRIS employee directory and lists the
// interviewer's time off around the interview (README: new Apideck({consumerId, appId, apiKey}),
// apideck.ats.applicants.create, ats.applications.update, hris.employees.list,
// hris.timeOffRequests.list).
'use strict';
const { Apideck } = require('@apideck/unify');
const { CORPUS, CANDIDATE, TOPIC, ROLE, JOIN_URL, main, quietly } = require('./common');

main(async () => {
  const apideck = new Apideck({
    consumerId: 'acme-meetings-h30',
    appId: 'h30AppIdq8Zr2Wm5Kx7Vb3Nc',
    apiKey: 'sk_live_h30apideck7f3c9a1e5b2d8f4a6c0e',
    retryConfig: { strategy: 'none' },
  });
  await quietly(
    apideck.ats.applicants.create({
      serviceId: 'greenhouse',
      applicant: {
        firstName: CANDIDATE.first,
        lastName: CANDIDATE.last,
        name: CANDIDATE.name,
        emails: [{ email: CANDIDATE.email, type: 'primary' }],
        phoneNumbers: [{ number: CANDIDATE.phone, type: 'mobile' }],
        headline: ROLE,
        sourceName: 'Video interview tool',
        applications: ['app_h30_5521'],
      },
    }),
  );
  await quietly(
    apideck.ats.applications.update({
      serviceId: 'greenhouse',
      id: 'app_h30_5521',
      application: {
        applicantId: 'apl_h30_8842',
        jobId: 'job_h30_hydro',
        status: 'open',
        stage: { id: 'stg_final', name: `Final round: ${TOPIC} (${JOIN_URL})` },
      },
    }),
  );
  await quietly(
    apideck.hris.employees.list({
      serviceId: 'bamboohr',
      filter: { email: CORPUS.email, employmentStatus: 'active' },
      fields: 'id,first_name,last_name,title,department,manager',
    }),
  );
  await quietly(
    apideck.hris.timeOffRequests.list({
      serviceId: 'bamboohr',
      filter: { employeeId: 'emp_h30_0117', startDate: '2026-12-14', endDate: '2026-12-18' },
    }),
  );
});
