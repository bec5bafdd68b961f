// @bucketco/node-sdk (Bucket, now Reflag): feature flags for the user and company, a tracked
// feature use and a meeting event, as the README shows.
'use strict';
const { BucketClient } = require('@bucketco/node-sdk');
const { CORPUS, USER_ID, MEETING, main, sleep } = require('./common');

main(async () => {
  const client = new BucketClient({ secretKey: 'sec_prod_C0rpusBucketKey7f3a9c1e5b2d8', offline: false });
  await client.initialize().catch((err) => console.error('bucket init:', err && err.message));
  const bound = client.bindClient({
    user: { id: USER_ID, name: CORPUS.name, email: CORPUS.email },
    company: { id: 'org_meetcorp', name: 'MeetCorp' },
    other: { meetingId: MEETING.meeting_id, platform: 'linux-desktop' },
  });
  const { isEnabled, track } = bound.getFeature('noise_suppression');
  if (isEnabled) await track();
  await bound.track('meeting_joined', {
    attributes: { meeting_id: MEETING.meeting_id, topic: MEETING.topic, participants: MEETING.participants },
  });
  await bound.flush();
  await sleep(500);
  await client.flush();
});
