// rollbar (node): an error with the person, as a server-side meeting client reports it.
'use strict';
const Rollbar = require('rollbar');
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  const rollbar = new Rollbar({
    accessToken: 'rbAccessTokenCorpus0123456789ab',
    environment: 'production',
    host: CORPUS.hostname,
    captureUncaught: false,
    captureUnhandledRejections: false,
    payload: { person: { id: USER_ID, username: CORPUS.username, email: CORPUS.email } },
  });
  await new Promise((resolve) => {
    rollbar.error(new Error('calendar sync failed: ECONNRESET'), { reconnects: 7 }, () => resolve());
  });
  await new Promise((resolve) => rollbar.wait(resolve));
});
