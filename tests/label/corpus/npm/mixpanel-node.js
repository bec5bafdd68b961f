// mixpanel (node): a track with screen width, then people.set with e-mail and names.
'use strict';
const Mixpanel = require('mixpanel');
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  // mixpanel 0.24 builds its own agent from HTTPS_PROXY with `new HttpsProxyAgent(...)`, which
  // https-proxy-agent 7 no longer exports as the module itself (TypeError): hide the variables
  // while it initialises and let proxy-preload.js route its requests.
  const saved = { ...process.env };
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy']) delete process.env[name];
  const mp = Mixpanel.init('mpTokenCorpus0123456789abcdef01', { keepAlive: false });
  Object.assign(process.env, saved);
  const done = (resolve) => () => resolve();
  await new Promise((resolve) => {
    mp.track('Screen Share Started', { distinct_id: USER_ID, source: 'toolbar', $screen_width: 2560 },
      done(resolve));
  });
  await new Promise((resolve) => {
    mp.people.set(USER_ID, { $email: CORPUS.email, $first_name: 'Alice', $last_name: 'Example', plan: 'pro' },
      done(resolve));
  });
});
