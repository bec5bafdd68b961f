// acuityscheduling (Acuity Scheduling's own JS dev kit; Acuity is Squarespace's): the meeting
// product's booking page looks up the host's open times for the consultation, books the guest's
// slot with his answers to the appointment type's intake form, moves it when he asks, and finds
// his appointments by his address (README usage: new Acuity.basic({ userId, apiKey }),
// acuity.request(path, { method, body, qs })).
'use strict';
const { CORPUS, GUEST, TOPIC, JOIN_URL, main } = require('./common');

const APPOINTMENT_TYPE = 41207733;
const APPOINTMENT = 1183427051;

main(async () => {
  const Acuity = require('acuityscheduling');
  const acuity = Acuity.basic({ userId: 22841907, apiKey: 'h29acu1tyK3y6f0d2b8e4c1a9' });
  const call = (path, options) =>
    new Promise((resolve) => {
      acuity.request(path, options, (err) => {
        if (err) console.error(String(err));
        resolve();
      });
    });
  await call('/availability/times', {
    qs: { appointmentTypeID: APPOINTMENT_TYPE, date: '2026-12-14', timezone: 'Europe/Dublin' },
  });
  await call('/appointments', {
    method: 'POST',
    qs: { admin: 'true' },
    body: {
      appointmentTypeID: APPOINTMENT_TYPE,
      datetime: '2026-12-14T10:30:00+0000',
      timezone: 'Europe/Dublin',
      firstName: GUEST.first,
      lastName: GUEST.last,
      email: GUEST.email,
      phone: GUEST.phone,
      notes: `${TOPIC} (meeting ${CORPUS.meeting_id}). Join: ${JOIN_URL}`,
      fields: [
        { id: 11845201, value: 'Burren Stoneworks Ltd' },
        { id: 11845202, value: 'Planning reference 26/418, Ballyvaughan extraction site' },
        { id: 11845203, value: 'Hydrogeology report, traffic survey, dust monitoring plan' },
      ],
    },
  });
  await call(`/appointments/${APPOINTMENT}/reschedule`, {
    method: 'PUT',
    qs: { admin: 'true' },
    body: { datetime: '2026-12-15T14:00:00+0000', timezone: 'Europe/Dublin' },
  });
  await call('/appointments', {
    qs: { email: GUEST.email, minDate: '2026-12-01', max: 10 },
  });
});
