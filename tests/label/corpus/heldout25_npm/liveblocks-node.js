// @liveblocks/node (Liveblocks' own server SDK, real-time collaboration rooms: whiteboards and
// shared documents): the meeting product opens a whiteboard room for the call with both
// participants' access, seeds its storage with the sticky notes taken during the meeting,
// issues the guest's access token and posts a comment thread on the board (README usage:
// new Liveblocks({ secret }), createRoom, initializeStorageDocument, identifyUser, createThread).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const ROOM_ID = `whiteboard-${CORPUS.meeting_id}`;

const sticky = (text, author) => ({
  liveblocksType: 'LiveObject',
  data: { text, author, x: 120, y: 80, color: 'yellow' },
});

main(async () => {
  const { Liveblocks } = require('@liveblocks/node');
  const liveblocks = new Liveblocks({ secret: 'sk_prod_h25Lb7Qw2Er9Ty4Ui1Op6As3Df8Gh0Jk5Lz' });
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    liveblocks.createRoom(ROOM_ID, {
      defaultAccesses: [],
      usersAccesses: {
        [CORPUS.username]: ['room:write'],
        [GUEST.username]: ['room:write'],
      },
      metadata: { meetingId: CORPUS.meeting_id, topic: TOPIC },
    }),
  );
  await quietly(
    liveblocks.initializeStorageDocument(ROOM_ID, {
      liveblocksType: 'LiveObject',
      data: {
        title: TOPIC,
        stickies: {
          liveblocksType: 'LiveList',
          data: [
            sticky('Pallet temperature logs since March: missing for 3 shipments', GUEST.name),
            sticky('Ask the inspector whether re-fumigation is needed', CORPUS.name),
          ],
        },
      },
    }),
  );
  const session = await liveblocks.identifyUser(
    { userId: GUEST.username, groupIds: ['external-guests'] },
    { userInfo: { name: GUEST.name, email: GUEST.email, avatar: '' } },
  );
  if (session.error) console.error(String(session.error));
  await quietly(
    liveblocks.createThread({
      roomId: ROOM_ID,
      data: {
        metadata: { stickyIndex: 0 },
        comment: {
          userId: CORPUS.username,
          body: {
            version: 1,
            content: [
              {
                type: 'paragraph',
                children: [
                  {
                    text:
                      `${GUEST.first}, can you upload the three missing logs here before ` +
                      'Thursday? I will forward them to the inspector.',
                  },
                ],
              },
            ],
          },
        },
      },
    }),
  );
});
