// eventbrite (Eventbrite's official JavaScript SDK for its v3 API: event registration and
// ticketing): the meeting product's webinar backend publishes the live session as an online
// event of the organiser's Eventbrite organisation, adds the registered participant to the
// organiser's contact list for the session's follow-up and reads who is attending before the
// start (README usage: eventbrite({ token }), sdk.request(path, { method, body })).
'use strict';
const eventbrite = require('eventbrite').default;
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const quietly = (promise) =>
  promise.catch((err) => console.error(String(err && err.status ? err.status : err)));
const ORGANIZATION_ID = '418822906153';
const EVENT_ID = '1120437765219';
const CONTACT_LIST_ID = '27720385';

main(async () => {
  const sdk = eventbrite({ token: 'H32EVBPRIVTOKEN7QZK4M2XW9RC5' });
  await quietly(
    sdk.request(`/organizations/${ORGANIZATION_ID}/events/`, {
      method: 'POST',
      body: JSON.stringify({
        event: {
          name: { html: TOPIC },
          description: {
            html:
              `<p>A live online session hosted by ${CORPUS.name}. The joining link ` +
              `https://acme-meet.example/j/${CORPUS.meeting_id} is sent with your ticket.</p>`,
          },
          start: { timezone: 'Pacific/Auckland', utc: '2027-01-14T05:00:00Z' },
          end: { timezone: 'Pacific/Auckland', utc: '2027-01-14T06:30:00Z' },
          currency: 'NZD',
          online_event: true,
          listed: false,
          capacity: 120,
        },
      }),
    }),
  );
  await quietly(
    sdk.request(`/users/me/contact_lists/${CONTACT_LIST_ID}/contacts/`, {
      method: 'POST',
      body: JSON.stringify({
        contact: { email: GUEST.email, first_name: GUEST.first, last_name: GUEST.last },
      }),
    }),
  );
  await quietly(
    sdk.request(`/events/${EVENT_ID}/attendees/?status=attending&changed_since=2027-01-13T00:00:00Z`),
  );
});
