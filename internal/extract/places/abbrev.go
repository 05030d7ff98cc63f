package places

// region is a first-level division that an abbreviation names.
type region struct {
	country, admin1 string
}

// stateAbbrev maps the folded abbreviations of US states and Canadian
// provinces to their division, as GeoNames names it. AP style ("La.",
// "Calif.") and postal codes ("LA", "CA") both occur after a town and a
// comma: "Cottonport, La.", "Alexandria, VA". An abbreviation is read only
// when written in capitals or followed by a period, since many postal codes
// are English words ("in", "me", "or", "ok").
var stateAbbrev = map[string]region{
	"ala": {"US", "Alabama"}, "al": {"US", "Alabama"},
	"alaska": {"US", "Alaska"}, "ak": {"US", "Alaska"},
	"ariz": {"US", "Arizona"}, "az": {"US", "Arizona"},
	"ark": {"US", "Arkansas"}, "ar": {"US", "Arkansas"},
	"calif": {"US", "California"}, "cal": {"US", "California"}, "ca": {"US", "California"},
	"colo": {"US", "Colorado"}, "co": {"US", "Colorado"},
	"conn": {"US", "Connecticut"}, "ct": {"US", "Connecticut"},
	"del": {"US", "Delaware"}, "de": {"US", "Delaware"},
	"d c": {"US", "District of Columbia"}, "dc": {"US", "District of Columbia"},
	"fla": {"US", "Florida"}, "fl": {"US", "Florida"},
	"ga":     {"US", "Georgia"},
	"hawaii": {"US", "Hawaii"}, "hi": {"US", "Hawaii"},
	"idaho": {"US", "Idaho"}, "id": {"US", "Idaho"},
	"ill": {"US", "Illinois"}, "il": {"US", "Illinois"},
	"ind": {"US", "Indiana"}, "in": {"US", "Indiana"},
	"iowa": {"US", "Iowa"}, "ia": {"US", "Iowa"},
	"kan": {"US", "Kansas"}, "kans": {"US", "Kansas"}, "ks": {"US", "Kansas"},
	"ky":    {"US", "Kentucky"},
	"la":    {"US", "Louisiana"},
	"maine": {"US", "Maine"}, "me": {"US", "Maine"},
	"md":   {"US", "Maryland"},
	"mass": {"US", "Massachusetts"}, "ma": {"US", "Massachusetts"},
	"mich": {"US", "Michigan"}, "mi": {"US", "Michigan"},
	"minn": {"US", "Minnesota"}, "mn": {"US", "Minnesota"},
	"miss": {"US", "Mississippi"}, "ms": {"US", "Mississippi"},
	"mo":   {"US", "Missouri"},
	"mont": {"US", "Montana"}, "mt": {"US", "Montana"},
	"neb": {"US", "Nebraska"}, "nebr": {"US", "Nebraska"}, "ne": {"US", "Nebraska"},
	"nev": {"US", "Nevada"}, "nv": {"US", "Nevada"},
	"n h": {"US", "New Hampshire"}, "nh": {"US", "New Hampshire"},
	"n j": {"US", "New Jersey"}, "nj": {"US", "New Jersey"},
	"n m": {"US", "New Mexico"}, "n mex": {"US", "New Mexico"}, "nm": {"US", "New Mexico"},
	"n y": {"US", "New York"}, "ny": {"US", "New York"},
	"n c": {"US", "North Carolina"}, "nc": {"US", "North Carolina"},
	"n d": {"US", "North Dakota"}, "n dak": {"US", "North Dakota"}, "nd": {"US", "North Dakota"},
	"ohio": {"US", "Ohio"}, "oh": {"US", "Ohio"},
	"okla": {"US", "Oklahoma"}, "ok": {"US", "Oklahoma"},
	"ore": {"US", "Oregon"}, "oreg": {"US", "Oregon"}, "or": {"US", "Oregon"},
	"pa": {"US", "Pennsylvania"}, "penn": {"US", "Pennsylvania"},
	"r i": {"US", "Rhode Island"}, "ri": {"US", "Rhode Island"},
	"s c": {"US", "South Carolina"}, "sc": {"US", "South Carolina"},
	"s d": {"US", "South Dakota"}, "s dak": {"US", "South Dakota"}, "sd": {"US", "South Dakota"},
	"tenn": {"US", "Tennessee"}, "tn": {"US", "Tennessee"},
	"texas": {"US", "Texas"}, "tex": {"US", "Texas"}, "tx": {"US", "Texas"},
	"utah": {"US", "Utah"}, "ut": {"US", "Utah"},
	"vt":   {"US", "Vermont"},
	"va":   {"US", "Virginia"},
	"wash": {"US", "Washington"}, "wa": {"US", "Washington"},
	"w va": {"US", "West Virginia"}, "wv": {"US", "West Virginia"},
	"wis": {"US", "Wisconsin"}, "wisc": {"US", "Wisconsin"}, "wi": {"US", "Wisconsin"},
	"wyo": {"US", "Wyoming"}, "wy": {"US", "Wyoming"},
	"ont": {"CA", "Ontario"}, "on": {"CA", "Ontario"},
	"que": {"CA", "Quebec"}, "qc": {"CA", "Quebec"},
	"b c": {"CA", "British Columbia"}, "bc": {"CA", "British Columbia"},
	"alta": {"CA", "Alberta"}, "ab": {"CA", "Alberta"},
	"sask": {"CA", "Saskatchewan"}, "sk": {"CA", "Saskatchewan"},
	"n s": {"CA", "Nova Scotia"}, "ns": {"CA", "Nova Scotia"},
	"n b": {"CA", "New Brunswick"}, "nb": {"CA", "New Brunswick"},
	"nfld": {"CA", "Newfoundland and Labrador"},
}
