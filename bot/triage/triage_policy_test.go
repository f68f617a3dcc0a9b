package triage

import "testing"

// policyCases are the examples of Sportello's triage policy, one per rule of thumb.
var policyCases = []tc{
	{"en", "he is hitting me now", urg(Violence)}, {"en", "he will kill me", urg(Violence)},
	{"en", "locked in the bathroom", urg(Violence)}, {"en", "help me he has a knife", urg(Violence)},
	{"en", "they are beating us", urg(Violence)}, {"en", "I don't want to live anymore", urg(Suicide)},
	{"en", "I will kill myself", urg(Suicide)}, {"en", "tonight I finish everything", urg(Suicide)},
	{"en", "I want to end my life", urg(Suicide)}, {"en", "I am a minor and I sleep in the station", urg(Child)},
	{"en", "my child is lost", urg(Child)}, {"en", "my child is missing", urg(Child)},
	{"en", "a pregnant woman is bleeding", urg(Injury)}, {"en", "she is in labour", urg(Injury)},
	{"en", "people in the water", urg(Sea)}, {"en", "we are at sea with no water, engine broken", urg(Sea)},
	{"en", "boat in distress", urg(Sea)},
	{"en", "the boss took my documents and I am not allowed to leave", urg(Trafficking)},
	{"en", "they force me to work, they say they will kill my family", urg(Trafficking)},
	{"fa", "مرا لت و کوب می‌کند", urg(Violence)}, {"fa", "مرا می‌زند", urg(Violence)},
	{"fa", "مرا می‌کشد", urg(Violence)}, {"fa", "خودکشی", urg(Suicide)}, {"fa", "نمی‌خواهم زنده باشم", urg(Suicide)},
	{"ps", "ما وهي", urg(Violence)}, {"ps", "وهي مې", urg(Violence)}, {"ps", "ما وژني", urg(Violence)},
	{"ps", "ځان وژنه", urg(Suicide)}, {"ps", "نه غواړم ژوندی پاتې شم", urg(Suicide)},
	{"ar", "عم يضربني", urg(Violence)}, {"ar", "بدو يقتلني", urg(Violence)}, {"ar", "بدي موت", urg(Suicide)},
	{"ar", "انتحار", urg(Suicide)}, {"ar", "محبوسة", urg(Violence)},
	{"uk", "б'є мене", urg(Violence)}, {"uk", "хочу покінчити з собою", urg(Suicide)}, {"uk", "не хочу жити", urg(Suicide)},
	{"en", "my husband hit me many times, if I leave him do I lose my permit?", none},
	{"en", "I work 12 hours for 3 euro, no contract, the caporale takes half", none},
	{"en", "I turn 18 in 2 months, what happens with my minor's permit?", none},
	{"en", "number for ambulance in italy?", none}, {"en", "emergency numbers", none},
	{"en", "how do I apply for asylum in France, I am in Ventimiglia", esc(OtherCountry)},
	{"en", "do Ukrainians get more money in Germany, I want to move to Berlin", esc(OtherCountry)},
	{"en", "I applied for asylum in Austria before and now I have a Dublin permit in Italy", none},
	{"en", "I lost my passport in Libya", none}, {"en", "bring my wife from Afghanistan", none}, {"en", "go back to my country", none},
	{"en", "can you call the questura for me", esc(PersonalCase)}, {"en", "book me an appointment", esc(PersonalCase)},
	{"en", "write my appeal", esc(PersonalCase)}, {"en", "I send you a photo of my decision, read it", esc(PersonalCase)},
	{"en", "check my case", esc(PersonalCase)}, {"en", "fill the form for me", esc(PersonalCase)},
	{"en", "help me with my case number 123456", esc(PersonalCase)},
	{"en", "how do I book an appointment at the questura?", none},
	{"en", "hi", small(Greeting)}, {"en", "hello", small(Greeting)}, {"en", "salam", small(Greeting)},
	{"en", "salam alaikum", small(Greeting)}, {"fr", "bonjour", small(Greeting)}, {"uk", "привіт", small(Greeting)},
	{"fa", "سلام", small(Greeting)}, {"ar", "السلام عليكم", small(Greeting)}, {"ps", "ښه راغلاست", small(Greeting)},
	{"en", "thanks", small(Thanks)}, {"en", "ok", small(Thanks)}, {"en", "bye", small(Thanks)},
}

func TestPolicyExamples(t *testing.T) { run(t, policyCases) }
