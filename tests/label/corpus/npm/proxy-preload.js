// `node --require ./proxy-preload.js SCENARIO.js`: send every request through HTTPS_PROXY.
//
// Node 20 ignores NODE_USE_ENV_PROXY (that arrived in Node 24), so `auditor launch`'s environment
// alone does not route a Node program through the capture. This shim does what a newer Node does:
// - fetch (undici): EnvHttpProxyAgent as the global dispatcher (reads HTTPS_PROXY / NO_PROXY);
// - the http and https modules: requests get an HTTP CONNECT proxy agent, also when the SDK made
//   an agent of its own (OpenTelemetry and Amplitude do), unless the target is loopback.
// Trust in the capture's CA comes from NODE_EXTRA_CA_CERTS, which `auditor launch` sets.
'use strict';

const proxy = process.env.HTTPS_PROXY || process.env.https_proxy;
if (proxy) {
  const undici = require('undici');
  undici.setGlobalDispatcher(new undici.EnvHttpProxyAgent());

  const http = require('http');
  const https = require('https');
  const { HttpsProxyAgent } = require('https-proxy-agent');
  const agents = { 'http:': new HttpsProxyAgent(proxy), 'https:': new HttpsProxyAgent(proxy) };
  const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)$/;

  const wrap = (mod, protocol) => {
    for (const name of ['request', 'get']) {
      const original = mod[name];
      mod[name] = function proxied(...args) {
        // (url[, options][, callback]) or (options[, callback])
        let index = args.findIndex((a) => a && typeof a === 'object' && !(a instanceof URL));
        if (index === -1) {
          const at = typeof args[0] === 'string' || args[0] instanceof URL ? 1 : 0;
          args.splice(at, 0, {});
          index = at;
        }
        const options = args[index];
        const target = typeof args[0] === 'string' || args[0] instanceof URL
          ? new URL(String(args[0])) : null;
        const host = (options.hostname || options.host || (target && target.hostname) || '')
          .replace(/:\d+$/, '');
        if (!LOOPBACK.test(host) && !(options.agent instanceof HttpsProxyAgent)) {
          options.agent = agents[options.protocol || (target && target.protocol) || protocol];
        }
        return original.apply(this, args);
      };
    }
  };
  wrap(http, 'http:');
  wrap(https, 'https:');
  // `import('https')` (OpenTelemetry's exporters) sees the patched functions only after this.
  require('module').syncBuiltinESMExports();
}
