// @ninetailed/experience.js-node (Ninetailed personalization and A/B testing, by Contentful): the
// meeting app's server identifies the corpus user with her traits, tracks that she hosted a
// meeting (a conversion of the onboarding experiment) and reads her profile with its selected
// experiment variants (NinetailedAPIClient({clientId, environment}), sendIdentifyEvent,
// sendTrackEvent, getProfile).
'use strict';
const { NinetailedAPIClient } = require('@ninetailed/experience.js-node');
const { CORPUS, TOPIC, main } = require('./common');

async function quietly(what, call) {
  try {
    await call();
  } catch (err) {
    console.error(`${what}: ${err}`);
  }
}

main(async () => {
  const client = new NinetailedAPIClient({
    clientId: 'h18c0r18-5e2d-4f7a-b9c1-0a3e6d8f4b27',
    environment: 'main',
  });
  const options = { anonymousId: 'anon-h18c0r18-9b3f2c7e', retries: 0, timeout: 5000 };
  await quietly('identify', () =>
    client.sendIdentifyEvent(
      CORPUS.username,
      { email: CORPUS.email, name: CORPUS.name, plan: 'Business', meetingsHosted: 41 },
      options,
    ),
  );
  await quietly('track', () =>
    client.sendTrackEvent(
      CORPUS.username,
      'Meeting Hosted',
      { meetingId: String(CORPUS.meeting_id), topic: TOPIC, participants: 2, durationMinutes: 47 },
      options,
    ),
  );
  await quietly('profile', () =>
    client.getProfile('prof-h18c0r18-4d1a', { locale: 'en-GB', retries: 0, timeout: 5000 }),
  );
});
