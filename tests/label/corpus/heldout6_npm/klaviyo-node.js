// klaviyo-api: upsert the user's profile (name, e-mail, location) and create a meeting event
// for that profile (JSON:API documents).
'use strict';
// axios reads HTTPS_PROXY itself and then tunnels wrongly; proxy-preload.js already routes the
// http/https modules through the capture, so axios is kept from proxying a second time.
delete process.env.HTTPS_PROXY;
delete process.env.https_proxy;
const { ApiKeySession, ProfilesApi, EventsApi } = require('klaviyo-api');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

main(async () => {
  const session = new ApiKeySession('pk_corpus0a1b2c3d4e5f6a7b8c9d0e1f2a3b');
  const profile = {
    email: CORPUS.email,
    externalId: USER_ID,
    firstName: 'Alice',
    lastName: 'Example',
    location: { city: 'Zurich', country: 'Switzerland', timezone: 'Europe/Zurich' },
    properties: { plan: 'business' },
  };
  await new ProfilesApi(session)
    .createOrUpdateProfile({ data: { type: 'profile', attributes: profile } })
    .catch((err) => console.error('klaviyo:', err.message, err.cause && err.cause.message));
  await new EventsApi(session)
    .createEvent({
      data: {
        type: 'event',
        attributes: {
          properties: { ...MEETING, duration_min: 45 },
          metric: { data: { type: 'metric', attributes: { name: 'Joined Meeting' } } },
          profile: { data: { type: 'profile', attributes: { email: CORPUS.email, externalId: USER_ID } } },
        },
      },
    })
    .catch((err) => console.error('klaviyo:', err.message, err.cause && err.cause.message));
});
