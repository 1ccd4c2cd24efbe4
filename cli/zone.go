package cli

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"convene/i18n"
	"convene/model"
	"convene/store"
)

// kazakhZones are the zone names Kazakhstan's places had; since 1 March
// 2024 (tzdata 2024a) the whole country is on one zone, UTC+5.
var kazakhZones = map[string]bool{
	"Asia/Almaty": true, "Asia/Qyzylorda": true, "Asia/Aqtobe": true, "Asia/Aqtau": true,
	"Asia/Atyrau": true, "Asia/Oral": true, "Asia/Qostanay": true,
}

// defaultZone is the time zone a new event gets: the laptop's own zone by
// name ($TZ, else the system's /etc/localtime), Asia/Almaty for any zone in
// Kazakhstan (or when the laptop's zone has no name), so a laptop with old
// time-zone data still shows Kazakhstan's times right.
func defaultZone() string {
	name := os.Getenv("TZ")
	if name == "" {
		if target, err := os.Readlink("/etc/localtime"); err == nil {
			if i := strings.Index(target, "zoneinfo/"); i >= 0 {
				name = target[i+len("zoneinfo/"):]
			}
		}
	}
	name = strings.TrimPrefix(name, ":")
	if name == "" || kazakhZones[name] || model.CheckZone(name) != nil {
		return model.DefaultZone
	}
	return name
}

// useEventZone makes the current event's time zone the one every time is
// shown and written in (the app's clock and agenda, every export), and
// says so when the laptop's own clock is set to another offset.
func useEventZone(ctx context.Context, st *store.Store, p i18n.Printer) (notice string) {
	cur, err := st.Current(ctx, "", "")
	if err != nil || cur.Event.Zone == "" {
		return ""
	}
	loc := cur.Event.Location()
	now := time.Now()
	name, laptop := now.Zone()
	_, event := now.In(loc).Zone()
	if laptop != event {
		notice = p.T("This laptop's clock is set to %s (UTC%s) but the event is in %s (UTC%s): convene shows the event's times.",
			name, offset(laptop), cur.Event.Zone, offset(event))
	}
	time.Local = loc // before any other goroutine reads it: the app has not started yet
	return notice
}

// offset is a UTC offset as "+5" or "+5:30".
func offset(secs int) string {
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	if m := secs % 3600 / 60; m != 0 {
		return fmt.Sprintf("%s%d:%02d", sign, secs/3600, m)
	}
	return fmt.Sprintf("%s%d", sign, secs/3600)
}
