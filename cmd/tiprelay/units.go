package main

import (
	"github.com/tiprelay/tiprelay/internal/config"
)

// policeUnits names the police unit of each police chat: the Polda chat
// after the gazetteer's province ("Polda Bali"), each region's chat after
// its unit ("Polres Badung"). A chat shared by several regions, or by the
// Polda and a region, keeps the first name given.
func policeUnits(cfg config.Config) map[int64]string {
	units := map[int64]string{}
	polda := "Polda"
	if cfg.Gazetteer != nil && cfg.Gazetteer.Province() != "" {
		polda += " " + cfg.Gazetteer.Province()
	}
	units[cfg.RelayChat.ChatID] = polda
	if cfg.Gazetteer == nil {
		return units
	}
	for _, key := range cfg.Gazetteer.Keys() {
		target, ok := cfg.Regions[key]
		if !ok {
			continue
		}
		if _, named := units[target.ChatID]; named {
			continue
		}
		if r, ok := cfg.Gazetteer.Region(key); ok && r.Unit != "" {
			units[target.ChatID] = r.Unit
		}
	}
	return units
}
