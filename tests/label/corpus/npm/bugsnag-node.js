// @bugsnag/js (node): an error with the user and meeting metadata.
'use strict';
const Bugsnag = require('@bugsnag/js');
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  Bugsnag.start({
    apiKey: 'fedcba9876543210fedcba9876543210',
    appVersion: '5.17.11',
    hostname: CORPUS.hostname,
    autoTrackSessions: false,
    autoDetectErrors: false,
    logger: null,
  });
  Bugsnag.setUser(USER_ID, CORPUS.email, CORPUS.name);
  await new Promise((resolve) => {
    Bugsnag.notify(new Error('audio device lost'), (event) => {
      event.addMetadata('meeting', { id: CORPUS.meeting_id, participants: 6 });
    }, () => resolve());
  });
});
