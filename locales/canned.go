package locales

// CannedIDs lists, in menu order, the canned responses a moderator can insert into a
// reply to a person. Each is a message to people, translated into every supported
// language; its short label in the moderators' console is the console message
// "console." + id (console.canned.hello for canned.hello).
var CannedIDs = []string{
	"canned.hello",
	"canned.more_info",
	"canned.wait",
	"canned.legal_help",
	"canned.goodbye",
}
