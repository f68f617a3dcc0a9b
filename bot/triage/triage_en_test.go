package triage

import "testing"

var enUrgent = []tc{
	{"en", "he is hitting me now pls help", urg(Violence)},
	{"en", "my husband beating me right now im in the bathroom", urg(Violence)},
	{"en", "help me he has a knife", urg(Violence)},
	{"en", "he said he will kill me tonight", urg(Violence)},
	{"en", "they are beating us, we are locked in the room", urg(Violence)},
	{"en", "locked in the bathroom he is outside the door", urg(Violence)},
	{"en", "my boyfriend wants to kill me", urg(Violence)},
	{"en", "i dont want to live anymore", urg(Suicide)},
	{"en", "Im going to kill myself tonight", urg(Suicide)},
	{"en", "tonight i finish everything, i am tired of life", urg(Suicide)},
	{"en", "i want to end my life", urg(Suicide)},
	{"en", "i wanna die", urg(Suicide)},
	{"en", "I dont want to live any more, nothing to live for", urg(Suicide)},
	{"en", "i took many pills", urg(Suicide)},
	{"en", "they took my passport and dont let me leave the house", urg(Trafficking)},
	{"en", "madam say i must pay 30000 euro debt or she will hurt my family", urg(Trafficking)},
	{"en", "they force me to do prostitution", urg(Trafficking)},
	{"en", "we are locked in the farm, the boss has our documents", urg(Trafficking)},
	{"en", "im 15 and i sleep at the station, nobody help me", urg(Child)},
	{"en", "my son is missing since this morning", urg(Child)},
	{"en", "I am a minor and i have no place to sleep tonight", urg(Child)},
	{"en", "there is a small boy alone at the station crying", urg(Child)},
	{"en", "my friend is bleeding a lot he got stabbed", urg(Injury)},
	{"en", "my wife is pregnant and bleeding very much", urg(Injury)},
	{"en", "he is unconscious not breathing", urg(Injury)},
	{"en", "pls help my baby cant breathe", urg(Injury)},
	{"en", "my wife is in labour, call an ambulance", urg(Injury)},
	{"en", "our boat is sinking we are 40 people", urg(Sea)},
	{"en", "we are at sea, engine broken no water, children on board", urg(Sea)},
	{"en", "people in the water, the dinghy flipped", urg(Sea)},
}

// enCalm are messages that look urgent but are questions the knowledge base answers.
var enCalm = []tc{
	{"en", "my husband hit me many times, if I leave him do I lose my permit?", none},
	{"en", "the questura wrote Dublino on my permesso, what it means?", none},
	{"en", "what does cedolino mean", none},
	{"en", "number for ambulance in italy?", none},
	{"en", "emergency numbers in italy", none},
	{"en", "I turn 18 in 2 months, what happens with my minor's permit?", none},
	{"en", "I work 12 hours for 3 euro, no contract, the caporale takes half", none},
	{"en", "my employer keeps my passport, is it legal?", none},
	{"en", "I was beaten in Libya, does this count for my asylum?", none},
	{"en", "i dont want to live in this camp anymore, can i change center?", none},
	{"en", "I came by boat to Lampedusa 2 years ago, how do I renew my permit", none},
	{"en", "I am pregnant, how do I get the STP card?", none},
	{"en", "my cousin committed suicide last year, where can i find a psychologist", none},
	{"en", "if I go back to Afghanistan the Taliban will kill me, can I get asylum?", none},
	{"en", "my son is 16, can he go to school in Italy?", none},
	{"en", "how do I call an ambulance if I dont have credit?", none},
	{"en", "is the hospital free if there is an emergency?", none},
	{"en", "i am 17 and i want to study, what can i do", none},
	{"en", "I don't want to die in the sea like my brother, is there a legal way to come?", none},
}

var enEscalate = []tc{
	{"en", "how do I apply for asylum in France, I am in Ventimiglia", esc(OtherCountry)},
	{"en", "do Ukrainians get more money in Germany, I want to move to Berlin", esc(OtherCountry)},
	{"en", "is life better in germany or italy?", esc(OtherCountry)},
	{"en", "can i go to france with my permesso di soggiorno?", esc(OtherCountry)},
	{"en", "how much do refugees get in sweden", esc(OtherCountry)},
	{"en", "I applied for asylum in Austria before and now I have a Dublin permit in Italy", none},
	{"en", "I lost my passport in Libya", none},
	{"en", "how to bring my wife from Afghanistan", none},
	{"en", "I want to go back to my country", none},
	{"en", "i lived in france 2 years, now in milano, how to convert my driving licence", none},
	{"en", "can you call the questura for me", esc(PersonalCase)},
	{"en", "book me an appointment at the questura please", esc(PersonalCase)},
	{"en", "please write my appeal, the commission said no", esc(PersonalCase)},
	{"en", "I send you a photo of my decision, read it", esc(PersonalCase)},
	{"en", "check my case, number 12345678", esc(PersonalCase)},
	{"en", "can you fill the form for me", esc(PersonalCase)},
	{"en", "how do I book an appointment at the questura?", none},
	{"en", "how to write an appeal against negative decision", none},
	{"en", "where can I check the status of my application?", none},
	{"en", "what documents do i need for the renewal", none},
}

var enSmalltalk = []tc{
	{"en", "hi", small(Greeting)},
	{"en", "Hello!!", small(Greeting)},
	{"en", "salam alaikum brother", small(Greeting)},
	{"en", "good morning, how are you", small(Greeting)},
	{"en", "thank you so much 🙏", small(Thanks)},
	{"en", "ok bye", small(Thanks)},
	{"en", "thanks for the help", small(Thanks)},
	{"en", "???", small(Gibberish)},
	{"en", "hi, how do i renew my permit?", none},
	{"en", "thanks, but where is the questura in Bari?", none},
}

func TestEnglish(t *testing.T) {
	t.Run("urgent", func(t *testing.T) { run(t, enUrgent) })
	t.Run("calm", func(t *testing.T) { run(t, enCalm) })
	t.Run("escalate", func(t *testing.T) { run(t, enEscalate) })
	t.Run("smalltalk", func(t *testing.T) { run(t, enSmalltalk) })
}
