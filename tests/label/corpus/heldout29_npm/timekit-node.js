// timekit-sdk (Timekit's own JavaScript SDK, a scheduling API): the meeting product's booking
// widget asks for the host's available 45-minute slots, books the guest's slot on the host's
// resource with the meeting's conferencing link, and confirms the booking (README usage:
// timekit.configure({ appKey, timezone }), fetchAvailability, createBooking, updateBooking).
'use strict';
const { CORPUS, GUEST, TOPIC, JOIN_URL, main } = require('./common');

const RESOURCE = 'd187d6e0-d6cb-409a-ae60-45a8fd0ec879';
const PROJECT = '5a7e1b0c-2f43-4d9e-9b61-h29timekit01';
const BOOKING = '58e61b2d-8c4f-4f0a-b7d3-h29booking001';

main(async () => {
  const timekit = require('timekit-sdk');
  timekit.configure({ appKey: 'test_api_key_h29Tk7Qw2Er9Ty4Ui1Op6As3Df', timezone: 'Europe/Dublin' });
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    timekit.fetchAvailability({
      project_id: PROJECT,
      mode: 'roundrobin_random',
      resources: [RESOURCE],
      length: '45 minutes',
      from: '2026-12-14T09:00:00+00:00',
      to: '2026-12-16T17:00:00+00:00',
      buffer: '15 minutes',
      ignore_all_day_events: true,
    }),
  );
  await quietly(
    timekit.createBooking({
      resource_id: RESOURCE,
      graph: 'confirm_decline',
      start: '2026-12-14T10:30:00+00:00',
      end: '2026-12-14T11:15:00+00:00',
      what: TOPIC,
      where: `Online meeting ${CORPUS.meeting_id}: ${JOIN_URL}`,
      description: `Host: ${CORPUS.name} <${CORPUS.email}>`,
      customer: {
        name: GUEST.name,
        email: GUEST.email,
        phone: GUEST.phone,
        timezone: 'Europe/Dublin',
      },
      meta: { meeting_id: CORPUS.meeting_id },
    }),
  );
  await quietly(timekit.updateBooking({ id: BOOKING, action: 'confirm' }));
});
