// meetup-api (a Node client of Meetup's REST API, an event-marketing and RSVP service; not
// Meetup's own package): the meeting product's webinar backend lists the live session as an
// online event of the organiser's Meetup group, RSVPs the registered participant to it as the
// group's organiser, posts her question from the registration form as an event comment and
// checks her in when she joins (README usage: require('meetup-api')({ key }), postEvent,
// postRSVP, postEventComment, postCheckin).
'use strict';
const meetupApi = require('meetup-api');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const GROUP = 'acme-meet-community-volunteers';
const EVENT_ID = '304118552';
const GUEST_MEMBER_ID = 287440913;
const START = Date.UTC(2027, 0, 14, 5, 0, 0); // 14 January 18:00 NZDT

// The callback API answers once the request is done; the sinkhole's empty 204 makes some fail.
const call = (meetup, method, params) =>
  new Promise((resolve) => {
    meetup[method](params, (err) => {
      if (err) console.error(`${method}: ${String(err).slice(0, 160)}`);
      resolve();
    });
  });

main(async () => {
  const meetup = meetupApi({ key: '6f2b1a9c7e4d3h32m5e8t0u7p4k1y9' });
  await call(meetup, 'postEvent', {
    group_urlname: GROUP,
    name: `${TOPIC} (online)`,
    description:
      `A live online session with ${CORPUS.name}: how the community nursery raises ` +
      `mangrove seedlings. Joining link: https://acme-meet.example/j/${CORPUS.meeting_id}`,
    time: START,
    duration: 90 * 60 * 1000,
    how_to_find_us: `https://acme-meet.example/j/${CORPUS.meeting_id}`,
    rsvp_limit: 120,
    guest_limit: 2,
    publish_status: 'published',
  });
  await call(meetup, 'postRSVP', {
    event_id: EVENT_ID,
    rsvp: 'yes',
    member_id: GUEST_MEMBER_ID,
    guests: 2,
    comments: `Registered through Acme Meet by ${GUEST.name} (${GUEST.email})`,
  });
  await call(meetup, 'postEventComment', {
    event_id: EVENT_ID,
    comment:
      'Kia ora! Will the session cover how to keep seedlings alive through the dry months? ' +
      'Two of our volunteers are joining with me.',
  });
  await call(meetup, 'postCheckin', {
    event_id: EVENT_ID,
    attendee_member_id: GUEST_MEMBER_ID,
  });
});
