// seq-logging (Datalust Seq, self-hosted): structured events in CLEF, message templates with
// named properties, to the customer's own Seq server.
'use strict';
const { CORPUS, USER_ID, MEETING, main, joinError } = require('./common');

// seq-logging sets Content-Length itself; Node 20's fetch then sends it beside its own, which
// the undici 7 dispatcher proxy-preload.js installs refuses. fetch computes the same length.
const nativeFetch = globalThis.fetch;
globalThis.fetch = (url, init = {}) => {
  const headers = { ...(init.headers || {}) };
  delete headers['Content-Length'];
  return nativeFetch(url, { ...init, headers });
};

main(async () => {
  // seq-logging 3 is an ES module with top-level await: import(), not require().
  const { Logger } = await import('seq-logging');
  const logger = new Logger({
    serverUrl: 'https://seq.meetcorp-example.com',
    apiKey: 'seqApiKeyCorpus5b6c7d8e9f',
    onError: (err) => console.error('seq:', err && err.message, err && err.cause),
  });
  logger.emit({
    timestamp: new Date(),
    level: 'Information',
    messageTemplate: 'User {UserEmail} joined meeting {MeetingId} from {Hostname}',
    properties: {
      UserEmail: CORPUS.email,
      UserId: USER_ID,
      MeetingId: MEETING.meeting_id,
      Hostname: CORPUS.hostname,
      Participants: MEETING.participants,
    },
  });
  const err = joinError();
  logger.emit({
    timestamp: new Date(),
    level: 'Error',
    messageTemplate: 'Media connection failed after {ElapsedMs} ms (jitter {JitterMs} ms, loss {LossPct}%)',
    properties: { ElapsedMs: 15000, JitterMs: 48, LossPct: 3.5, MeetingId: MEETING.meeting_id },
    exception: err.stack,
  });
  await logger.close();
});
