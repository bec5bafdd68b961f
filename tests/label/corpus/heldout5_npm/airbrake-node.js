// @airbrake/node: an error notice with the user and meeting in its context and params.
'use strict';
const { Notifier } = require('@airbrake/node');
const { CORPUS, USER_ID, main, joinError } = require('./common');

main(async () => {
  const airbrake = new Notifier({
    projectId: 512377,
    projectKey: 'abk0corpus5d4c3b2a1f0e9d8c7b6a5f4e',
    environment: 'production',
    remoteConfig: false,
    performanceStats: false,
    queryStats: false,
    queueStats: false,
  });
  const notice = await airbrake.notify({
    error: joinError(),
    context: {
      user: { id: USER_ID, name: CORPUS.name, email: CORPUS.email },
      version: '6.2.4',
      component: 'media',
    },
    params: { meeting_id: CORPUS.meeting_id, participants: 7 },
  });
  console.error('notice:', notice.error ? notice.error.message : notice.id);
});
