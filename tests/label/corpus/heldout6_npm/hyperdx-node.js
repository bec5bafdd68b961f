// @hyperdx/node-logger: log records with attributes to HyperDX's intake.
'use strict';
const { HyperDXLogger: Logger } = require('@hyperdx/node-logger');
const { CORPUS, USER_ID, MEETING, main, joinError } = require('./common');

main(async () => {
  const logger = new Logger({
    headers: { Authorization: 'hdx-corpus-7e1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8' },
    service: 'meeting-desktop',
    sendIntervalMs: 200,
    detectResources: true,
  });
  logger.postMessage('info', 'joined meeting', {
    'user.id': USER_ID,
    'user.email': CORPUS.email,
    'meeting.id': MEETING.meeting_id,
    'meeting.participants': MEETING.participants,
    'net.type': 'wifi',
  });
  logger.postMessage('error', joinError().stack, { 'meeting.id': MEETING.meeting_id });
  await logger.forceFlush();
  await logger.shutdown();
});
