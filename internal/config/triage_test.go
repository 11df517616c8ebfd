package config

import (
	"reflect"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// lombokGazetteer is a gazetteer of another province.
const lombokGazetteer = `province: Nusa Tenggara Barat
regions:
  kota_mataram: {name: Kota Mataram, short: Mataram, unit: Polresta Mataram, kecamatan: [Ampenan, Cakranegara]}
  lombok_tengah: {name: Kabupaten Lombok Tengah, unit: Polres Lombok Tengah, places: [Kuta, Mandalika]}
`

func TestLoadTriageSettings(t *testing.T) {
	lombok := MustWriteFile(t, "lombok.yaml", lombokGazetteer)
	file := MustWriteFile(t, "tiprelay.yaml", `
regions: ["badung=-100111", "Denpasar=-100222:7"]
categories: [politik_uang, hoaks]
relay_forwards: native
region_digests: "off"
`)
	tests := []struct {
		name           string
		args           []string
		env            map[string]string
		wantRegions    map[tip.RegionKey]tip.Target
		wantCategories []tip.Category
		wantForwards   ForwardMode
		wantDigests    bool
		wantKeys       []tip.RegionKey
		wantFile       string
	}{
		{
			name:           "YAML file",
			env:            map[string]string{"TIPRELAY_CONFIG": file},
			wantRegions:    map[tip.RegionKey]tip.Target{"badung": {ChatID: -100111}, "denpasar": {ChatID: -100222, ThreadID: 7}},
			wantCategories: []tip.Category{tip.CategoryMoneyPolitics, tip.CategoryHoax},
			wantForwards:   ForwardsNative,
			wantKeys:       []tip.RegionKey{"denpasar", "badung", "gianyar", "tabanan", "klungkung", "bangli", "karangasem", "buleleng", "jembrana"},
		},
		{
			name: "env over file",
			env: map[string]string{"TIPRELAY_CONFIG": file, "TIPRELAY_REGIONS": " buleleng = -100333 , ,buleleng=-100333",
				"TIPRELAY_CATEGORIES": "Lainnya, ancaman,lainnya", "TIPRELAY_RELAY_FORWARDS": "COPY", "TIPRELAY_REGION_DIGESTS": "on"},
			wantRegions:    map[tip.RegionKey]tip.Target{"buleleng": {ChatID: -100333}},
			wantCategories: []tip.Category{tip.CategoryOther, tip.CategoryThreat},
			wantForwards:   ForwardsCopy,
			wantDigests:    true,
			wantKeys:       []tip.RegionKey{"denpasar", "badung", "gianyar", "tabanan", "klungkung", "bangli", "karangasem", "buleleng", "jembrana"},
		},
		{
			name:           "another province's gazetteer from a flag",
			args:           []string{"--regions-file", lombok, "--regions", "lombok_tengah=-100444:2"},
			wantRegions:    map[tip.RegionKey]tip.Target{"lombok_tengah": {ChatID: -100444, ThreadID: 2}},
			wantCategories: tip.Categories(),
			wantForwards:   ForwardsCopy,
			wantDigests:    true,
			wantKeys:       []tip.RegionKey{"kota_mataram", "lombok_tengah"},
			wantFile:       lombok,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustLoad(t, tt.args, minimalEnv(t, tt.env))
			checks := []struct {
				name      string
				got, want any
			}{
				{"Regions", c.Regions, tt.wantRegions},
				{"Categories", c.Categories, tt.wantCategories},
				{"RelayForwards", c.RelayForwards, tt.wantForwards},
				{"RegionDigests", c.RegionDigests, tt.wantDigests},
				{"Gazetteer.Keys", c.Gazetteer.Keys(), tt.wantKeys},
				{"RegionsFile", c.RegionsFile, tt.wantFile},
			}
			for _, ch := range checks {
				if !reflect.DeepEqual(ch.got, ch.want) {
					t.Errorf("%s = %#v, want %#v", ch.name, ch.got, ch.want)
				}
			}
		})
	}
}

func TestTriageSettingsInString(t *testing.T) {
	c := MustLoad(t, []string{"--regions=denpasar=-100222:7,badung=-100111", "--categories=sara,hoaks"}, minimalEnv(t, nil))
	got := settingsWithout(c)
	want := map[string]string{"regions": "badung=-100111,denpasar=-100222:7", "regions_file": "",
		"categories": "sara,hoaks", "relay_forwards": "copy", "region_digests": "on"}
	for key, w := range want {
		if got[key] != w {
			t.Errorf("%s = %q, want %q", key, got[key], w)
		}
	}
}
