// coralogix-logger: a bulk of log entries with application/subsystem/computer name.
'use strict';
const Coralogix = require('coralogix-logger');
const { CORPUS, USER_ID, MEETING, main, sleep, joinError } = require('./common');

main(async () => {
  Coralogix.CoralogixLogger.configure(
    new Coralogix.LoggerConfig({
      applicationName: 'meeting-desktop',
      privateKey: 'cxtp_CorpusPrivateKey0a1b2c3d4e5f6a',
      subsystemName: 'call-engine',
    }),
  );
  const logger = new Coralogix.CoralogixLogger('meetings');
  logger.addLog(
    new Coralogix.Log({
      severity: Coralogix.Severity.info,
      className: 'MeetingSession',
      methodName: 'join',
      text: { msg: 'joined meeting', user_id: USER_ID, user_name: CORPUS.name, ...MEETING },
    }),
  );
  logger.addLog(
    new Coralogix.Log({
      severity: Coralogix.Severity.error,
      className: 'MediaTransport',
      methodName: 'connect',
      text: joinError().stack,
    }),
  );
  await sleep(1500);
  Coralogix.CoralogixLogger.flush();
  await sleep(2000);
});
