// @umami/node: a page view and a custom meeting event to a self-hosted Umami.
'use strict';
const umami = require('@umami/node');
const { CORPUS, MEETING, main } = require('./common');

main(async () => {
  const client = umami.default || umami;
  client.init({
    websiteId: '3f9b2c1e-7d4a-4c8e-9b1f-2a6d5e8c0f13',
    hostUrl: 'https://analytics.meetcorp-example.com',
  });
  await client.track({
    hostname: CORPUS.hostname,
    language: 'de-CH',
    screen: '2560x1440',
    title: 'Meeting',
    url: `/j/${MEETING.meeting_id}`,
  }).catch(() => {});
  await client.track({
    url: `/j/${MEETING.meeting_id}`,
    name: 'meeting-joined',
    data: { ...MEETING, email: CORPUS.email },
  }).catch(() => {});
});
