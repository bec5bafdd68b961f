// @novu/api (Novu notifications API): trigger the "participant-joined" workflow for the user as
// subscriber, and a second trigger when the join failed (README usage).
'use strict';
const { Novu } = require('@novu/api');
const { CORPUS, USER_ID, MEETING, main, joinError } = require('./common');

const novu = new Novu({ secretKey: 'C0rpusN8vuSecretKeyZ6t3Wq9Lp2', retryConfig: { strategy: 'none' } });
const [firstName, lastName] = CORPUS.name.split(' ');

main(async () => {
  const to = { subscriberId: USER_ID, email: CORPUS.email, firstName, lastName, locale: 'de_CH' };
  await novu
    .trigger({
      workflowId: 'participant-joined',
      to,
      payload: { meeting_id: MEETING.meeting_id, topic: MEETING.topic, participants: MEETING.participants },
    })
    .catch((err) => console.error('novu trigger:', err && err.message));
  const err = joinError();
  await novu
    .trigger({
      workflowId: 'join-failed',
      to,
      payload: { meeting_id: MEETING.meeting_id, error: err.message, network: 'wifi' },
    })
    .catch((e) => console.error('novu trigger:', e && e.message));
});
