// @hawk.so/nodejs (Hawk.so error tracking): a meeting backend's recording worker reports a caught
// error with the user, a per-event context and manual breadcrumbs, and a second error from the
// join handler (README usage: HawkCatcher.init({token, release, context}), breadcrumbs.add,
// HawkCatcher.send(error, context, user)).
'use strict';
// axios reads HTTPS_PROXY itself and then tunnels wrongly; proxy-preload.js already routes the
// http/https modules through the capture, so axios is kept from proxying a second time.
delete process.env.HTTPS_PROXY;
delete process.env.https_proxy;
const HawkCatcher = require('@hawk.so/nodejs').default;
const { CORPUS, GUEST, TOPIC, main, sleep } = require('./common');

// The integration token is base64 JSON {integrationId, secret}; the id names the collector host.
const TOKEN = Buffer.from(
  JSON.stringify({
    integrationId: 'c0a14e2d-5b7f-4c1e-9d3a-h14hawk00001',
    secret: 'f3b1c0r14-hawk-secret-Qw8Er5Ty2Ui9',
  }),
).toString('base64');

main(async () => {
  HawkCatcher.init({
    token: TOKEN,
    release: 'meet-backend@4.12.0',
    disableGlobalErrorsHandling: true,
    context: { service: 'recording-worker', node: CORPUS.hostname },
  });
  HawkCatcher.breadcrumbs.add({
    type: 'logic',
    category: 'recording',
    message: `recording started for meeting ${CORPUS.meeting_id}`,
    level: 'info',
    data: { meetingId: CORPUS.meeting_id, participants: 2 },
  });
  HawkCatcher.breadcrumbs.add({
    type: 'request',
    category: 'storage',
    message: 'PUT /recordings/85512345678/part-3 -> 507',
    level: 'error',
  });
  try {
    throw new Error(`Recording upload failed for "${TOPIC}": storage quota exceeded`);
  } catch (err) {
    HawkCatcher.send(
      err,
      { meetingId: CORPUS.meeting_id, topic: TOPIC, hostEmail: CORPUS.email, attempt: 3 },
      { id: CORPUS.username, name: CORPUS.name },
    );
  }
  await sleep(1500);
  HawkCatcher.breadcrumbs.clear();
  try {
    throw new TypeError("Cannot read properties of undefined (reading 'audioTrack')");
  } catch (err) {
    HawkCatcher.send(
      err,
      { meetingId: CORPUS.meeting_id, participantEmail: GUEST.email, clientIp: '84.208.41.77' },
      { id: GUEST.username, name: GUEST.name },
    );
  }
  await sleep(1500);
});
