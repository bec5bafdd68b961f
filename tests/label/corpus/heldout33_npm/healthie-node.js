// @awell-health/healthie-sdk (Awell's typed client of Healthie's GraphQL API, built with genql):
// the telehealth backend creates the patient as a Healthie client of the clinician, looks her
// up, books the video visit with its external meeting link, and posts the clinician's message
// to their conversation (README: new HealthieSdk({ apiUrl or environment, apiKey }),
// sdk.client.mutation / sdk.client.query).
'use strict';
const { CORPUS, PATIENT, TOPIC, JOIN_URL, main, quietly } = require('./common');
const { HealthieSdk } = require('@awell-health/healthie-sdk');

main(async () => {
  const sdk = new HealthieSdk({
    environment: 'production',
    apiKey: 'gh_live_h33Hx7Qm2Vb9Lp4Rt8Kz1Wc5Nd3Yf6',
  });
  const providerId = '338104';
  const patientId = '4471982';
  await quietly(
    sdk.client.mutation({
      createClient: {
        __args: {
          input: {
            first_name: PATIENT.first,
            last_name: PATIENT.last,
            email: PATIENT.email,
            phone_number: PATIENT.phone,
            dob: PATIENT.birthDate,
            dietitian_id: providerId,
            skipped_email: false,
          },
        },
        user: { id: true },
        messages: { field: true, message: true },
      },
    }),
  );
  await quietly(
    sdk.client.query({
      users: {
        __args: { keywords: PATIENT.email },
        id: true,
        full_name: true,
      },
    }),
  );
  await quietly(
    sdk.client.mutation({
      createAppointment: {
        __args: {
          input: {
            user_id: patientId,
            providers: providerId,
            appointment_type_id: '210577',
            contact_type: 'Secure Videochat',
            datetime: '2026-12-15T14:00:00Z',
            external_videochat_url: JOIN_URL,
            notes: TOPIC,
          },
        },
        appointment: { id: true },
        messages: { field: true, message: true },
      },
    }),
  );
  await quietly(
    sdk.client.mutation({
      createNote: {
        __args: {
          input: {
            conversation_id: '9913475',
            user_id: providerId,
            content:
              `Ifeoma, thanks for today. As discussed in the ${TOPIC}, add the step-ups ` +
              `from week 6 and message me if the swelling comes back. ${CORPUS.name}`,
          },
        },
        note: { id: true },
        messages: { field: true, message: true },
      },
    }),
  );
});
