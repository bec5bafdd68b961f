// @dynatrace/openkit-js (Dynatrace OpenKit, Node): a session for the signed-in user with an
// action, values, a business event, the network technology and a crash, to the tenant's beacon.
'use strict';
const { CORPUS, USER_ID, MEETING, main, sleep, joinError } = require('./common');

main(async () => {
  const { OpenKitBuilder } = require('@dynatrace/openkit-js');
  const openKit = new OpenKitBuilder(
    'https://bf12345abc.bf.dynatrace.com/mbeacon',
    '8f3a2b1c-4d5e-6f70-8192-a3b4c5d6e7f8',
    '4f7c2a9e1b3d4e5f',
  )
    .withApplicationVersion('5.17.2')
    .withOperatingSystem('Debian GNU/Linux 12')
    .withManufacturer('Lenovo')
    .withModelId('ThinkPad X1 Carbon Gen 11')
    .withUserLanguage('de-CH')
    .withScreenResolution(2560, 1440)
    .build();
  await new Promise((resolve) => openKit.waitForInit(resolve, 8000));
  const session = openKit.createSession(CORPUS.local_ip);
  session.identifyUser(CORPUS.email);
  session.reportNetworkTechnology('802.11x');
  session.reportCarrier('Swisscom');
  const action = session.enterAction('Join meeting');
  action.reportValue('meeting_id', MEETING.meeting_id);
  action.reportValue('topic', MEETING.topic);
  action.reportValue('participants', MEETING.participants);
  action.reportValue('user_id', USER_ID);
  action.reportError('ICE timeout', 408);
  action.leaveAction();
  session.sendBizEvent('meeting.joined', { meeting_id: MEETING.meeting_id, participants: MEETING.participants });
  const err = joinError();
  session.reportCrash('Error', err.message, err.stack);
  session.end();
  openKit.shutdown();
  await sleep(3000);
});
