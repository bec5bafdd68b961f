// @devcycle/nodejs-server-sdk with cloud bucketing: the user object goes to DevCycle's bucketing
// API with each variable evaluation, and a custom event is tracked.
'use strict';
const { initializeDevCycle } = require('@devcycle/nodejs-server-sdk');
const { CORPUS, USER_ID, MEETING, main, sleep } = require('./common');

main(async () => {
  const client = initializeDevCycle('dvc_server_corpus_0a1b2c3d4e5f6a7b8c9d', {
    enableCloudBucketing: true,
    logLevel: 'error',
  });
  const user = {
    user_id: USER_ID,
    email: CORPUS.email,
    name: CORPUS.name,
    country: 'CH',
    language: 'de',
    customData: { plan: 'business', last_meeting_id: MEETING.meeting_id },
  };
  await client.variableValue(user, 'noise-suppression', false).catch(() => {});
  await client.track(user, { type: 'meeting_joined', target: MEETING.meeting_id, value: 5 }).catch(() => {});
  await sleep(500);
});
