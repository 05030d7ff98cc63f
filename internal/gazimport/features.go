package gazimport

import "strings"

// geonamesFeatures maps the GeoNames feature codes sitrep keeps, as
// "class.code", to sitrep's feature words. Every populated place (class P)
// is kept as well, see geonamesFeature. The choice follows what conflict
// news names as a place:
//   - divisions and countries: A.ADM1..ADM5, ADMD, PCL*, zones;
//   - military and transport sites: airports, air bases, bases, naval
//     bases, border crossings and customs posts, dams, bridges, camps and
//     refugee camps, prisons, forts, castles, ruins and ancient sites;
//   - terrain: mountains, peaks, hills, deserts, valleys, plains, plateaus,
//     islands, passes;
//   - water: wadis (also intermittent streams, which is how GeoNames files
//     most wadis of the Levant), rivers, lakes and reservoirs, seas, gulfs,
//     bays, straits, canals;
//   - areas: regions, areas, oases, oil fields, ports; forests.
//
// Left out on purpose: springs, wells, ridges, slopes, spurs, ravines,
// cultivated land, orchards, buildings, churches, mosques, hotels and roads.
// They are thousands per country (Lebanon alone has 2,141 springs and 1,798
// slopes), share names with the villages next to them, and news rarely
// names them.
var geonamesFeatures = map[string]string{
	"A.ADM1": "admin1", "A.ADM2": "admin2",
	"A.ADM3": "admin3", "A.ADM4": "admin3", "A.ADM5": "admin3", "A.ADMD": "admin3",
	"A.PCL": "country", "A.PCLI": "country", "A.PCLD": "country", "A.PCLF": "country",
	"A.PCLIX": "country", "A.PCLS": "country",
	"A.TERR": "region", "A.ZN": "region", "A.ZNB": "region",

	"S.AIRP": "airport", "S.AIRF": "airport",
	"S.AIRB": "base", "S.MILB": "base", "S.INSM": "base", "S.NVB": "base",
	"S.PSTB": "crossing", "S.PSTC": "crossing",
	"S.DAM": "dam", "S.BDG": "bridge",
	"S.CMP": "camp", "S.CMPRF": "camp",
	"S.PRN": "prison",
	"S.FT":  "site", "S.CSTL": "site", "S.RUIN": "site", "S.ANS": "site",

	"T.MT": "mountain", "T.MTS": "mountain", "T.PK": "mountain", "T.PKS": "mountain",
	"T.HLL": "hill", "T.HLLS": "hill",
	"T.DSRT": "desert", "T.VAL": "valley", "T.VALS": "valley",
	"T.PLN": "plain", "T.PLNS": "plain", "T.PLAT": "plateau",
	"T.ISL": "island", "T.ISLS": "island", "T.PASS": "pass",

	"H.WAD": "wadi", "H.WADS": "wadi", "H.STMI": "wadi",
	"H.STM": "river", "H.STMS": "river",
	"H.LK": "lake", "H.LKS": "lake", "H.RSV": "lake",
	"H.SEA": "water", "H.GULF": "water", "H.BAY": "water", "H.STRT": "water", "H.CNL": "water",

	"L.RGN": "region", "L.AREA": "area", "L.OAS": "oasis", "L.OILF": "oilfield", "L.PRT": "port",

	"V.FRST": "forest",
}

// geonamesFeature returns sitrep's feature for a GeoNames feature class and
// code, and false for the features sitrep does not keep. Populated places
// are cities, as in the built-in gazetteer, sections of one neighbourhoods;
// historical ones (PPLH, PPLCH) go, abandoned and destroyed ones stay: news
// of a war names them.
func geonamesFeature(class, code string) (string, bool) {
	if class == "P" {
		switch code {
		case "PPLH", "PPLCH":
			return "", false
		case "PPLX":
			return "neighbourhood", true
		}
		return "city", true
	}
	f, ok := geonamesFeatures[class+"."+code]
	return f, ok
}

// tableFeatures maps the place types of other gazetteers (OCHA, Who's On
// First, HOT exports) to sitrep's feature words.
var tableFeatures = map[string]string{
	"locality": "village", "community": "village", "populated place": "village",
	"settlement": "village", "place": "village", "ppl": "village",
	"city": "city", "town": "town", "village": "village", "hamlet": "hamlet",
	"neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "microhood": "neighbourhood",
	"macrohood": "neighbourhood", "quarter": "neighbourhood", "suburb": "neighbourhood",
	"borough": "neighbourhood",
	"country": "country",
	"region":  "admin1", "governorate": "admin1", "province": "admin1", "state": "admin1",
	"admin1": "admin1", "adm1": "admin1",
	"county": "admin2", "district": "admin2", "admin2": "admin2", "adm2": "admin2",
	"subdistrict": "admin3", "sub district": "admin3", "nahiya": "admin3", "localadmin": "admin3",
	"admin3": "admin3", "adm3": "admin3",
	"campus": "airport", "airport": "airport", "camp": "camp",
	"crossing": "crossing", "border crossing": "crossing", "crossing point": "crossing",
	"checkpoint": "checkpoint", "military base": "base", "base": "base",
}

// defaultTableFeature is the feature of rows of a table with no feature
// column: village gazetteers are what such tables are imported for.
const defaultTableFeature = "village"

// tableFeature returns sitrep's feature for a table's place type: a known
// type, a GeoNames feature code ("PPL", "ADM2"), or else the type itself
// written as a lower-case word ("Check Point" becomes check_point).
func tableFeature(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return defaultTableFeature
	}
	low := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(v, "_", " ")), " "))
	if f, ok := tableFeatures[low]; ok {
		return f
	}
	for _, class := range []string{"P", "A", "S", "T", "H", "L", "V"} {
		if f, ok := geonamesFeature(class, strings.ToUpper(v)); ok && (class != "P" || strings.HasPrefix(strings.ToUpper(v), "PPL")) {
			return f
		}
	}
	var b strings.Builder
	for _, r := range low {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '/':
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return defaultTableFeature
	}
	return b.String()
}
