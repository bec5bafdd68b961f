// @appsignal/javascript (front-end error monitoring; Node transport): an error with tags,
// params and breadcrumbs, sent to appsignal-endpoint.net with the push API key in the query.
'use strict';
const { CORPUS, USER_ID, MEETING, main, joinError } = require('./common');

main(async () => {
  const Appsignal = require('@appsignal/javascript').default;
  const appsignal = new Appsignal({
    key: 'a1b2c3d4-corp-4e5f-9a8b-appsignal0001',
    revision: '5.17.2',
    namespace: 'meeting-web',
  });
  appsignal.addBreadcrumb({
    category: 'meeting',
    action: `joined meeting ${MEETING.meeting_id}`,
    metadata: { topic: MEETING.topic, participants: String(MEETING.participants) },
  });
  appsignal.addBreadcrumb({ category: 'network', action: 'connection changed', metadata: { type: 'wifi', rtt_ms: '412' } });
  await appsignal.sendError(joinError(), (span) => {
    span.setTags({ user_id: USER_ID, user_email: CORPUS.email, locale: 'de-CH' });
    span.setParams({ meeting_id: MEETING.meeting_id, hostname: CORPUS.hostname });
    span.setAction('MeetingController#join');
  });
  await appsignal.sendError(new Error('screen share permission denied'), (span) => {
    span.setTags({ user_id: USER_ID, os: 'Linux x86_64', screen: '2560x1440', connection: 'ethernet' });
    span.setAction('ScreenShare#start');
  });
});
