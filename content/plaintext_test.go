package content

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraph", "Hello.", "Hello."},
		{"headings", "# Title #\n\nText.\n## Sub heading\nMore.", "Title\n\nText.\nSub heading\nMore."},
		{"bullets", "- one\n* two\n+ three", "• one\n• two\n• three"},
		{"nested bullets", "- one\n  - inner", "• one\n  • inner"},
		{"numbered list kept", "1. first\n2) second", "1. first\n2) second"},
		{"bold and emphasis", "**bold**, __strong__, *em*, _em_ and ***both***.", "bold, strong, em, em and both."},
		{"emphasis around a link", "**Call [the helpline](tel:800905570)**", "Call the helpline: 800905570"},
		{"code", "Write `C3` or ``a ` tick``.", "Write C3 or a ` tick."},
		{"external link", "See [UNHCR](https://help.unhcr.org/italy/).", "See UNHCR: https://help.unhcr.org/italy/."},
		{"link whose text is the URL", "[https://x.org/a](https://x.org/a)", "https://x.org/a"},
		{"mailto link", "[Write to us](mailto:help@example.org)", "Write to us: help@example.org"},
		{"autolink", "<https://example.org/a_b_c>", "https://example.org/a_b_c"},
		{"article link", "Read [free legal aid](../free-legal-aid/) and [aide](../free-legal-aid/fr.md#cost).", "Read free legal aid and aide."},
		{"underscores inside words", "file_name and snake_case_word", "file_name and snake_case_word"},
		{"bare URL with underscores", "Go to https://example.org/_private_/x now", "Go to https://example.org/_private_/x now"},
		{"lone asterisks", "5 * 3 = 15 and 2*", "5 * 3 = 15 and 2*"},
		{"escaped marker", `\*not em\*`, "*not em*"},
		{"blank lines collapsed", "a\n\n\n\n\nb\n\n", "a\n\nb"},
		{"trailing spaces trimmed", "a   \nb\t", "a\nb"},
		{"wrapped paragraph joined", "one line\nwrapped here.\n\nNext.", "one line wrapped here.\n\nNext."},
		{"wrapped list item joined", "- one\n  continued", "• one continued"},
		{"hard break kept", "line one  \nline two", "line one\nline two"},
		{"CRLF", "a\r\nb\r\n\r\nc", "a b\n\nc"},
		{"rule dropped", "a\n\n---\n\nb", "a\n\nb"},
		{"quote", "> Keep your cedolino.", "Keep your cedolino."},
		{"fenced code kept verbatim", "```\n**x** _y_\n```", "**x** _y_"},
		{"HTML-looking text left alone", "a <b> c", "a <b> c"},
		{"Arabic", "## كيف تطلب **اللجوء**\n\n- اتصل بـ [الخط الساخن](https://example.org/ar)\n- اقرأ [المساعدة القانونية](../free-legal-aid/)", "كيف تطلب اللجوء\n\n• اتصل بـ الخط الساخن: https://example.org/ar\n• اقرأ المساعدة القانونية"},
		{"Dari emphasis", "*کارت اقامت* را همراه داشته باشید", "کارت اقامت را همراه داشته باشید"},
		{"Ukrainian", "__Тимчасовий захист__: [УВКБ ООН](https://help.unhcr.org/italy/uk/)", "Тимчасовий захист: УВКБ ООН: https://help.unhcr.org/italy/uk/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := PlainText(tc.in); got != tc.want {
				t.Errorf("PlainText(%q) =\n%q\nwant\n%q", tc.in, got, tc.want)
			}
		})
	}
}
