// @optimizely/optimizely-sdk: a decision for the user with attributes and a tracked meeting
// event (conversion with tags), batched to Optimizely's log endpoint.
'use strict';
const {
  createInstance,
  createStaticProjectConfigManager,
  createBatchEventProcessor,
} = require('@optimizely/optimizely-sdk');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

// A project datafile as Optimizely's CDN serves it (one flag, one event, two attributes),
// given inline so nothing is fetched.
const datafile = {
  version: '4',
  rollouts: [],
  typedAudiences: [],
  anonymizeIP: false,
  projectId: '24681357900',
  variables: [],
  featureFlags: [
    { experimentIds: ['9300001'], rolloutId: '', variables: [], id: '7700001', key: 'noise_suppression' },
  ],
  experiments: [
    {
      status: 'Running',
      audienceConditions: [],
      audienceIds: [],
      variations: [
        { variables: [], id: '8800001', key: 'on', featureEnabled: true },
        { variables: [], id: '8800002', key: 'off', featureEnabled: false },
      ],
      forcedVariations: {},
      key: 'noise_suppression_test',
      layerId: '9200001',
      trafficAllocation: [
        { entityId: '8800001', endOfRange: 5000 },
        { entityId: '8800002', endOfRange: 10000 },
      ],
      id: '9300001',
    },
  ],
  audiences: [],
  groups: [],
  attributes: [
    { id: '6600001', key: 'email' },
    { id: '6600002', key: 'country' },
  ],
  botFiltering: false,
  accountId: '13579246800',
  events: [{ experimentIds: ['9300001'], id: '5500001', key: 'meeting_joined' }],
  revision: '12',
  sdkKey: 'OptlySdkKeyCorpus9x',
  environmentKey: 'production',
};

main(async () => {
  const client = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(datafile) }),
    eventProcessor: createBatchEventProcessor({ batchSize: 10, flushInterval: 500 }),
  });
  await client.onReady({ timeout: 3000 });
  const user = client.createUserContext(USER_ID, {
    email: CORPUS.email,
    country: 'CH',
  });
  user.decide('noise_suppression');
  user.trackEvent('meeting_joined', { ...MEETING, revenue: 0, value: 5 });
  await client.close();
});
