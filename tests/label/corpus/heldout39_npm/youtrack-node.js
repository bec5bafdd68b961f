// youtrack-rest-client (a community client of JetBrains YouTrack's REST API, on YouTrack Cloud):
// after the meeting the product's backend files the action item as an issue with the meeting
// link, posts a comment quoting what was said, logs the meeting's time as a work item and
// searches for the outside participant's earlier issues (README usage: new Youtrack({ baseUrl,
// token }), issues.create, comments.create, workItems.create, issues.search).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const ISSUE = 'GRID-142';
const LINK = `https://meet.acme-meet.example/j/${CORPUS.meeting_id}`;

main(async () => {
  const { Youtrack } = require('youtrack-rest-client');
  const youtrack = new Youtrack({
    baseUrl: 'https://acme-meet.youtrack.cloud',
    token: 'perm:YWxpY2UuY29ycHVz.NDktMTQy.h39Yt0k3nQm7Zx2Lc9Vb4Nd1',
  });
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    youtrack.issues.create({
      summary: `Rollback window for ${GUEST.name}'s pilot sites`,
      description:
        `Action item from "${TOPIC}" (meeting ${CORPUS.meeting_id}, ${LINK}). ` +
        `Due 2026-12-15. Owner: ${CORPUS.name}.`,
      project: { id: '0-7' },
    }),
  );
  await quietly(
    youtrack.comments.create(ISSUE, {
      text:
        `${GUEST.first} on the call: "If a site fails to flash we need it back on 4.1 within ` +
        `ten minutes." Her e-mail for the test report: ${GUEST.email}`,
    }),
  );
  await quietly(
    youtrack.workItems.create(ISSUE, {
      date: 1765368000000,
      duration: { minutes: 47 },
      text: `Meeting ${CORPUS.meeting_id}: ${TOPIC}`,
    }),
  );
  await quietly(youtrack.issues.search(`"${GUEST.name}" #Unresolved`));
});
