// @gusto/embedded-api (Gusto's own client of its Embedded Payroll API): once the offer is
// accepted, the hiring backend creates the candidate as a new employee of the company and adds
// the job he was hired into (README: new GustoApi({BASE, TOKEN}),
// employees.postEmployees, jobsAndCompensations.postJobsJobId).
'use strict';
const { CANDIDATE, ROLE, main, quietly } = require('./common');

main(async () => {
  // The package is ESM only (its exports have no require condition).
  const { GustoApi } = await import('@gusto/embedded-api');
  const gusto = new GustoApi({
    BASE: 'https://api.gusto.com',
    TOKEN: 'h30GustoAccessT0ken9b1f7e3a5c2d',
  });
  await quietly(
    gusto.employees.postEmployees({
      companyId: 'c1e4a7b2-h30-4f1d-9c3e-5a8b0d2f6e71',
      requestBody: {
        first_name: CANDIDATE.first,
        last_name: CANDIDATE.last,
        email: CANDIDATE.email,
        date_of_birth: '1990-04-17',
        self_onboarding: true,
      },
    }),
  );
  await quietly(
    gusto.jobsAndCompensations.postJobsJobId({
      employeeId: '7f2b9d4e-h30-4a6c-8e1f-3b5d7a9c0e24',
      requestBody: {
        title: ROLE,
        hire_date: '2027-01-11',
        location_uuid: 'a3c5e7f9-h30-4b2d-8f6a-1c3e5a7b9d02',
      },
    }),
  );
});
