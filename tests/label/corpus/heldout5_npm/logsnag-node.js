// @logsnag/node: identify the user's properties, then a meeting event with tags.
'use strict';
const { LogSnag } = require('@logsnag/node');
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  const logsnag = new LogSnag({ token: 'lsCorpusToken0a1b2c3d4e5f6a7b8c9d', project: 'meeting-desktop' });
  const swallow = (p) => p.catch((err) => console.error('sent; answer:', err.message));
  await swallow(logsnag.identify({
    user_id: USER_ID,
    properties: { email: CORPUS.email, name: CORPUS.name, plan: 'business' },
  }));
  await swallow(logsnag.track({
    channel: 'meetings',
    event: 'Recording Started',
    description: `${CORPUS.name} started recording meeting ${CORPUS.meeting_id}`,
    user_id: USER_ID,
    icon: '🔴',
    tags: { 'meeting-id': CORPUS.meeting_id, participants: 7 },
    notify: false,
  }));
});
