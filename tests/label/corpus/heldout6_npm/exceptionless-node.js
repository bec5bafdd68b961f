// @exceptionless/node: the user's identity on every event, a feature-usage event for the meeting
// and the join error; Exceptionless posts its event queue as JSON.
'use strict';
const { CORPUS, USER_ID, MEETING, main, sleep, joinError } = require('./common');

main(async () => {
  const { Exceptionless } = await import('@exceptionless/node');
  await Exceptionless.startup((c) => {
    c.apiKey = 'exlCorpusApiKey0a1b2c3d4e5f6a7b8c9d0e1f2';
    c.serverUrl = 'https://collector.exceptionless.io';
    c.setUserIdentity(USER_ID, CORPUS.name);
    c.defaultTags.push('desktop');
    c.usePersistedQueueStorage = false;
    c.submissionBatchSize = 10;
  });
  await Exceptionless.createFeatureUsage('meeting-join')
    .setProperty('meeting_id', MEETING.meeting_id)
    .setProperty('participants', MEETING.participants)
    .setUserDescription(CORPUS.email, 'joined from the desktop app')
    .submit();
  await Exceptionless.submitException(joinError());
  await Exceptionless.processQueue();
  await sleep(1000);
  await Exceptionless.suspend();
});
