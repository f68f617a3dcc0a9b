package locales

import "testing"

func TestIsolateRuns(t *testing.T) {
	const i, p = "\u2068", "\u2069"
	tests := []struct {
		name, lang, in, want string
	}{
		{"phone number in Arabic", "ar", "اتصل على 800 905 570 مجانا", "اتصل على " + i + "800 905 570" + p + " مجانا"},
		{"Italian phrase in Dari", "fa", "به codice fiscale ضرورت دارید", "به " + i + "codice fiscale" + p + " ضرورت دارید"},
		{"single word left alone", "ps", "کوېستورا Questura ته لاړ شئ", "کوېستورا Questura ته لاړ شئ"},
		{"hours range", "ar", "من 9:30 إلى 17:30", "من " + i + "9:30" + p + " إلى " + i + "17:30" + p},
		{"trailing space not taken", "ar", "الرقم 112 الآن", "الرقم 112 الآن"},
		{"parenthesis kept outside", "fa", "(800 290 290)", "(" + i + "800 290 290" + p + ")"},
		{"idempotent", "ar", "على " + i + "800 905 570" + p, "على " + i + "800 905 570" + p},
		{"left-to-right language unchanged", "fr", "appelez le 800 905 570", "appelez le 800 905 570"},
		{"url", "ar", "انظر https://www.jumamap.it/en هنا", "انظر " + i + "https://www.jumamap.it/en" + p + " هنا"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsolateRuns(tc.lang, tc.in); got != tc.want {
				t.Errorf("IsolateRuns(%q, %q) = %+q, want %+q", tc.lang, tc.in, got, tc.want)
			}
		})
	}
}
