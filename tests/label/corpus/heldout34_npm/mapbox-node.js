// @mapbox/mapbox-sdk (Mapbox's own JS SDK for its web services, here in Node): the meeting
// backend geocodes the in-person venue's street address for the invitation's map, reverse-
// geocodes the position the travelling participant's phone shared from home, and asks for the
// walking route from her hotel to the venue with its ETA (README usage: mbxGeocoding({
// accessToken }).forwardGeocode / reverseGeocode, mbxDirections(…).getDirections, .send()).
'use strict';
const mbxGeocoding = require('@mapbox/mapbox-sdk/services/geocoding');
const mbxDirections = require('@mapbox/mapbox-sdk/services/directions');
const { GUEST, VENUE, main, quietly } = require('./common');

// A token of Mapbox's shape (the SDK reads its account from the payload before sending).
const ACCESS_TOKEN = 'pk.eyJ1IjoiYWNtZW1lZXQiLCJhIjoiY2xoMzR2ZW51ZTBrMng5cCJ9.h34Xq9mB2vR7tKc1Lw4ZpA';

main(async () => {
  const geocoding = mbxGeocoding({ accessToken: ACCESS_TOKEN });
  const directions = mbxDirections({ accessToken: ACCESS_TOKEN });
  await quietly(
    'forward',
    geocoding
      .forwardGeocode({ query: VENUE.address, countries: ['at'], types: ['address'], limit: 1 })
      .send(),
  );
  await quietly(
    'reverse',
    geocoding
      .reverseGeocode({ query: [GUEST.home.lng, GUEST.home.lat], types: ['address'], limit: 1 })
      .send(),
  );
  await quietly(
    'directions',
    directions
      .getDirections({
        profile: 'walking',
        waypoints: [
          { coordinates: [GUEST.hotel.lng, GUEST.hotel.lat] },
          { coordinates: [VENUE.lng, VENUE.lat], waypointName: 'Acme Meet Vienna' },
        ],
        geometries: 'geojson',
        steps: false,
        language: 'en',
      })
      .send(),
  );
});
