// fhir-kit-client (Vermonster's FHIR client for Node) against Oracle Health's (Cerner's) FHIR R4
// API for the health system's tenant: the telehealth backend looks the patient up by e-mail,
// writes the finished video visit as a transaction Bundle (the Encounter and the patient's
// reported pain score), files the clinician's visit note as a DocumentReference with the note as
// a base64 attachment, and marks the next appointment a no-show with a JSON Patch
// (README: new Client({ baseUrl, bearerToken }), search, transaction, create, patch).
'use strict';
const { CORPUS, PATIENT, TOPIC, main, quietly } = require('./common');

main(async () => {
  const { Client } = await import('fhir-kit-client');
  const client = new Client({
    baseUrl: 'https://fhir-ehr-code.cerner.com/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d',
    bearerToken: 'h33OracleHealth.eyJhbGciOiJub25lIn0.Zt4Qm8Vx2Lp5Rk9Wc1',
  });
  const patientId = '12724066';
  const practitionerId = '4122630';
  await quietly(
    client.search({ resourceType: 'Patient', searchParams: { email: PATIENT.email } }),
  );
  await quietly(
    client.transaction({
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: 'urn:uuid:6f1d2c3b-h33e-4a5b-9c8d-7e6f5a4b3c2d',
            resource: {
              resourceType: 'Encounter',
              status: 'finished',
              class: {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
                code: 'VR',
                display: 'virtual',
              },
              subject: { reference: `Patient/${patientId}` },
              participant: [{ individual: { reference: `Practitioner/${practitionerId}` } }],
              period: { start: '2026-12-15T14:00:00Z', end: '2026-12-15T14:27:00Z' },
              reasonCode: [{ text: TOPIC }],
            },
            request: { method: 'POST', url: 'Encounter' },
          },
          {
            resource: {
              resourceType: 'Observation',
              status: 'final',
              code: {
                coding: [{ system: 'http://loinc.org', code: '72514-3', display: 'Pain severity' }],
              },
              subject: { reference: `Patient/${patientId}` },
              encounter: { reference: 'urn:uuid:6f1d2c3b-h33e-4a5b-9c8d-7e6f5a4b3c2d' },
              valueQuantity: { value: 3, unit: '{score}' },
            },
            request: { method: 'POST', url: 'Observation' },
          },
        ],
      },
    }),
  );
  const note =
    `Video visit ${CORPUS.meeting_id}: ${TOPIC}. ${PATIENT.name} reports pain 3/10, ` +
    `flexion to 110 degrees on camera. Continue home exercises. ${CORPUS.name}, PT`;
  await quietly(
    client.create({
      resourceType: 'DocumentReference',
      body: {
        resourceType: 'DocumentReference',
        status: 'current',
        docStatus: 'final',
        type: {
          coding: [{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }],
        },
        subject: { reference: `Patient/${patientId}` },
        author: [{ reference: `Practitioner/${practitionerId}` }],
        date: '2026-12-15T14:35:00Z',
        content: [
          {
            attachment: {
              contentType: 'text/plain',
              data: Buffer.from(note).toString('base64'),
              title: 'Telehealth progress note',
            },
          },
        ],
        context: { period: { start: '2026-12-15T14:00:00Z', end: '2026-12-15T14:27:00Z' } },
      },
    }),
  );
  await quietly(
    client.patch({
      resourceType: 'Appointment',
      id: '4817523',
      jsonPatch: [{ op: 'replace', path: '/status', value: 'noshow' }],
    }),
  );
});
