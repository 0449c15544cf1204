// Package deploy holds the files to run rongcuo as a service: a Dockerfile,
// a compose file, a systemd unit, Prometheus alert rules and a Grafana
// dashboard. Its tests check that they parse and that they name only
// metrics, commands and settings that exist.
package deploy
