// @tribeplatform/gql-client (Bettermode, formerly Tribe: a community platform on a GraphQL API):
// the meeting product's webinar backend runs the session's community space: it invites the
// registered participant to the community, adds her to the session's space, announces the live
// session there and posts her reply under the announcement with her own member token (README
// usage: new TribeClient({ graphqlUrl, accessToken }), invitations.invite, spaceMembers.add,
// posts.create, posts.reply).
'use strict';
const path = require('path');
const { pathToFileURL } = require('url');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

// The package exports only its TypeScript sources; its compiled ES module is imported by file.
const CLIENT = path.join(__dirname, 'node_modules/@tribeplatform/gql-client/dist/client/index.js');
const quietly = (promise) => promise.catch((err) => console.error(String(err).slice(0, 200)));
const SPACE_ID = 'Wq3vR8kT2mYp';
const POST_TYPE_DISCUSSION = 'pT4nXc8LqZ2a';
const POST_TYPE_COMMENT = 'pT9bKm3RvW7e';
const GUEST_MEMBER_ID = 'mB7xQ2rL9tHs';
const HOST_MEMBER_ID = 'mA1cE5gJ8kNp';
const ANNOUNCEMENT_ID = 'pS6dF2hW9yUe';
const field = (key, type, value) => ({ key, type, value: JSON.stringify(value) });

main(async () => {
  const { TribeClient } = await import(pathToFileURL(CLIENT).href);
  const bettermode = new TribeClient({
    graphqlUrl: 'https://api.bettermode.com',
    accessToken: 'bm_h32_admin_7Qx2Lr9Vt4Kp8Zc3Nw6Hj1Fs',
  });
  await quietly(
    bettermode.invitations.invite({
      input: {
        invitees: [{ email: GUEST.email, name: GUEST.name }],
        defaultSpacesIds: [SPACE_ID],
        invitationMessage:
          `Hi ${GUEST.first}, you are registered for the live session "${TOPIC}". ` +
          'Join the community space to get the joining link and the reading list. ' +
          `${CORPUS.name}`,
      },
    }),
  );
  await quietly(
    bettermode.spaceMembers.add({ spaceId: SPACE_ID, input: [{ memberId: GUEST_MEMBER_ID }] }),
  );
  await quietly(
    bettermode.posts.create({
      spaceId: SPACE_ID,
      input: {
        postTypeId: POST_TYPE_DISCUSSION,
        ownerId: HOST_MEMBER_ID,
        publish: true,
        mappingFields: [
          field('title', 'text', `Live session: ${TOPIC}`),
          field(
            'content',
            'html',
            `<p>Our live webinar "${TOPIC}" starts on Thursday 14 January at 18:00 NZDT. ` +
              `Join here: <a href="https://acme-meet.example/j/${CORPUS.meeting_id}">` +
              `https://acme-meet.example/j/${CORPUS.meeting_id}</a></p>` +
              `<p>Hosted by ${CORPUS.name}. Bring your questions about seedling care.</p>`,
          ),
        ],
      },
    }),
  );
  await quietly(
    bettermode.posts.reply(
      ANNOUNCEMENT_ID,
      {
        input: {
          postTypeId: POST_TYPE_COMMENT,
          publish: true,
          mappingFields: [
            field(
              'content',
              'html',
              `<p>Thanks ${CORPUS.name.split(' ')[0]}! I will join from the Māngere nursery ` +
                'with two other volunteers. Could you share the slides afterwards? ' +
                `If the link fails I am on ${GUEST.phone}. Lesieli</p>`,
            ),
          ],
        },
      },
      'basic',
      'bm_h32_member_3Hd8Wq5Ty2Mn6Rb9Xc4Lk7Gz',
    ),
  );
});
