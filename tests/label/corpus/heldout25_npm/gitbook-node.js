// @gitbook/api (GitBook's own API client, a knowledge base / team wiki): after the meeting the
// product's backend opens a change request in the team's space for the meeting's notes page,
// posts the summary as a comment in the space and invites the guest to the organisation as a
// reader (README usage: new GitBookAPI({ authToken }), spaces.createChangeRequest,
// spaces.postCommentInSpace, orgs.inviteUsersToOrganization).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const ORG_ID = 'Zq4mH25kLs8TvB1xNc0e';
const SPACE_ID = 'Xp7rW25dQa3FgY9uJk2t';
const PAGE_ID = 'Rb5nC25hTe6MvK4wZs1y';

const paragraph = (text) => ({
  object: 'block',
  type: 'paragraph',
  nodes: [{ object: 'text', leaves: [{ object: 'leaf', text, marks: [] }] }],
});

main(async () => {
  const { GitBookAPI } = require('@gitbook/api');
  const api = new GitBookAPI({ authToken: 'gb_api_h25Kx9Vd2Rq7Lm4Np0Ws6Tz8Yb3' });
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    api.spaces.createChangeRequest(SPACE_ID, {
      subject: `Notes: ${TOPIC} (${new Date(Date.UTC(2026, 11, 10)).toISOString().slice(0, 10)})`,
    }),
  );
  await quietly(
    api.spaces.postCommentInSpace(SPACE_ID, {
      page: PAGE_ID,
      body: {
        object: 'document',
        data: {},
        nodes: [
          paragraph(
            `Summary of meeting ${CORPUS.meeting_id}: ${GUEST.name} will send the packhouse ` +
              'pallet temperature logs by Friday; we update the certification checklist once ' +
              'the inspector has signed off.',
          ),
          paragraph(`Open question for ${CORPUS.name}: do the March shipments need re-fumigation?`),
        ],
      },
    }),
  );
  await quietly(
    api.orgs.inviteUsersToOrganization(ORG_ID, {
      emails: [GUEST.email],
      role: 'reader',
      guest: true,
    }),
  );
});
