// heap-api (Heap server-side API): a tracked meeting event for the user's identity and user
// properties (README usage).
'use strict';
const { CORPUS, USER_ID, MEETING, main } = require('./common');
const heap = require('heap-api')('3842617095');

main(async () => {
  heap.on('error', (err) => console.error('heap:', err && err.message));
  await heap
    .addUserProperties(CORPUS.email, { name: CORPUS.name, user_id: USER_ID, plan: 'business', language: 'de-CH' })
    .catch((err) => console.error('heap props:', err && err.message));
  await heap
    .track('Joined Meeting', CORPUS.email, {
      meeting_id: MEETING.meeting_id,
      topic: MEETING.topic,
      participants: MEETING.participants,
      network: 'wifi',
    })
    .catch((err) => console.error('heap track:', err && err.message));
  await heap
    .track('Left Meeting', CORPUS.email, { meeting_id: MEETING.meeting_id, duration_s: 2712, reason: 'ended_by_host' })
    .catch((err) => console.error('heap track:', err && err.message));
});
