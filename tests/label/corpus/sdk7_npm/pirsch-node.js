// pirsch-sdk (Pirsch Analytics, server side): a page hit and a custom event from the meeting
// web app's server, with the visitor's IP, user agent and language; an access key as Bearer.
'use strict';
const { CORPUS, MEETING, main } = require('./common');

// axios reads HTTPS_PROXY itself and tunnels wrongly; proxy-preload.js already routes the
// http/https modules through the capture.
delete process.env.HTTPS_PROXY;
delete process.env.https_proxy;

main(async () => {
  const { Pirsch } = require('pirsch-sdk');
  const client = new Pirsch({
    hostname: 'meet.meetcorp-example.com',
    accessToken: 'pa_CorpusPirschAccessKey3f2e1d0c9b8a7f6e5d4c3b2a',
  });
  const hit = {
    url: `https://meet.meetcorp-example.com/j/${MEETING.meeting_id}`,
    ip: CORPUS.local_ip,
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    accept_language: 'de-CH,de;q=0.9,en;q=0.8',
    sec_ch_ua_platform: '"Linux"',
    sec_ch_width: '2560',
    title: MEETING.topic,
    referrer: '',
  };
  await client.hit(hit).catch((err) => console.error('hit:', err.message));
  await client.event('meeting_joined', hit, 3600, {
    meeting_id: MEETING.meeting_id,
    participants: String(MEETING.participants),
    role: MEETING.role,
  }).catch((err) => console.error('event:', err.message));
});
