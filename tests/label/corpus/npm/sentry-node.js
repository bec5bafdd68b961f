// @sentry/node: an error with the signed-in user and the meeting as a tag, then a message.
'use strict';
const Sentry = require('@sentry/node');
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  Sentry.init({
    dsn: 'https://0123456789abcdef0123456789abcdef@o447951.ingest.us.sentry.io/4507123',
    release: 'meeting-client@5.17.11',
    environment: 'production',
    serverName: CORPUS.hostname,
    sendDefaultPii: true,
    tracesSampleRate: 0,
    defaultIntegrations: false,
    sendClientReports: false,
  });
  Sentry.setUser({ id: USER_ID, email: CORPUS.email, username: CORPUS.username });
  Sentry.setTag('meeting_id', CORPUS.meeting_id);
  try {
    JSON.parse('{"participants": ');
  } catch (err) {
    Sentry.captureException(err);
  }
  await Sentry.flush(5000);
});
