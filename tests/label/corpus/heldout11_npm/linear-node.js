// @linear/sdk (Linear GraphQL API): after a meeting, a backend files the action items as issues,
// comments on one and looks the assignee up by e-mail (README usage: new LinearClient({apiKey}),
// createIssue, createComment, users({filter})).
'use strict';
const { LinearClient } = require('@linear/sdk');
const { CORPUS, MEETING, main } = require('./common');

const linear = new LinearClient({ apiKey: 'lin_api_C0rpus11LinearKeyWq8Er5Ty2Ui9OpAs3Df' });
const TEAM = '5b2c0r11-team-4e7a-9c11-0a1b2c3d4e5f';
const ISSUE = '9f3c0r11-issu-4d8b-8a22-1b2c3d4e5f6a';

main(async () => {
  await linear
    .createIssue({
      teamId: TEAM,
      title: `Follow-up from ${MEETING.topic} (meeting ${MEETING.meeting_id})`,
      description:
        `Action item from ${CORPUS.name}: send the revised roadmap to Lukas Brandt ` +
        '(lukas.brandt@meetcorp-example.com) by Friday.',
      priority: 2,
    })
    .catch((err) => console.error('createIssue:', err && err.message));
  await linear
    .createComment({
      issueId: ISSUE,
      body: `Lukas Brandt: I'll take this, dialling in from Berlin tomorrow.`,
    })
    .catch((err) => console.error('createComment:', err && err.message));
  await linear
    .users({ filter: { email: { eq: 'lukas.brandt@meetcorp-example.com' } } })
    .catch((err) => console.error('users:', err && err.message));
});
