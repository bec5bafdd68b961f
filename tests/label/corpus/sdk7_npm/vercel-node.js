// @vercel/analytics server-side `track`: a custom event from the meeting web app's server to its
// Vercel deployment's /_vercel/insights/event, with the visitor's request headers passed on.
'use strict';
const { CORPUS, USER_ID, MEETING, main } = require('./common');

process.env.VERCEL_URL = 'meetcorp-web.vercel.app';

main(async () => {
  const { track } = await import('@vercel/analytics/server');
  const headers = {
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    'x-forwarded-for': CORPUS.local_ip,
    cookie: `meet_session=s_9f8e7d6c5b4a; meet_user=${USER_ID}`,
    referer: `https://meet.meetcorp-example.com/j/${MEETING.meeting_id}`,
  };
  await track('Meeting Joined', {
    meeting_id: MEETING.meeting_id,
    topic: MEETING.topic,
    participants: MEETING.participants,
    user_email: CORPUS.email,
  }, { headers });
  await track('Recording Failed', { meeting_id: MEETING.meeting_id, error: 'disk quota exceeded' }, { headers });
});
