// Package web is sitrep's reader site: server-rendered pages for articles,
// countries, topics, actors, places, search and a map of events, with their
// Atom and JSON feeds and exports, and the JSON API of package api mounted
// under /api/. It uses the standard library's router and html/template;
// templates and static files are embedded and checked when the server is
// built, so a broken template fails start-up rather than a request. Reading
// an article needs no JavaScript; the maps use Leaflet with country borders
// served from our own static files, so they work offline.
package web
