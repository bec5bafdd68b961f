// @eppo/node-server-sdk (Eppo's own Node SDK, experimentation and feature flags): the meeting
// client's Node process initialises Eppo with its SDK key (which names the event-ingestion
// host), asks for the noise-suppression experiment's variant for the host, and, with event
// tracking on as its README describes (init({ apiKey, assignmentLogger, eventTracking })),
// tracks the call's events: the guest admitted, screen share started, the call-quality survey.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { CORPUS, GUEST, TOPIC, main, sleep } = require('./common');

main(async () => {
  // The SDK keeps its event queue in ./.queues: a scratch directory, not the repository.
  process.chdir(fs.mkdtempSync(path.join(os.tmpdir(), 'h37-eppo-')));
  const { init } = require('@eppo/node-server-sdk');
  const client = await init({
    apiKey: 'h37EppoSdk4f9c2a71d8.ZWg9N2txMnZkLmUuZXBwby5jbG91ZA',
    assignmentLogger: { logAssignment: () => {} },
    throwOnFailedInitialization: false,
    eventTracking: { enabled: true, deliveryIntervalMs: 1000, batchSize: 10 },
  });
  const variant = client.getStringAssignment('noise-suppression-v2', CORPUS.username, {
    email: CORPUS.email,
    country: 'NZ',
    appVersion: '3.8.1',
    platform: 'win32',
  }, 'control');
  client.track('guest_admitted', {
    meeting_id: CORPUS.meeting_id,
    meeting_topic: TOPIC,
    host: CORPUS.email,
    guest_name: GUEST.name,
    guest_email: GUEST.email,
    waiting_room_seconds: 42,
  });
  client.track('screen_share_started', {
    meeting_id: CORPUS.meeting_id,
    user: CORPUS.username,
    surface: 'window',
    noise_suppression: variant,
  });
  client.track('call_quality_survey', {
    meeting_id: CORPUS.meeting_id,
    user: CORPUS.username,
    rating: 2,
    comment: `Audio from ${GUEST.name} kept dropping; she said to call her on ${GUEST.phone} next time.`,
    network: 'wifi',
    os: 'Windows 11 23H2',
  });
  await sleep(3500);
  client.stopPolling();
});
