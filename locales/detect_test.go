package locales

import "testing"

// certainty is what a detection case expects of Detection.Confident.
type certainty int

const (
	sure   certainty = iota // Confident must be true
	unsure                  // Confident must be false
	either                  // not checked
)

type detectCase struct {
	text string
	lang string
	conf certainty
}

// detectCases are messages as people write them to Sportello: typos, missing
// accents, dialect, texting abbreviations, Italian terms in the middle.
var detectCases = map[string][]detectCase{
	"en": {
		{"Hello, I want to apply for asylum in Italy. What should I do?", "en", sure},
		{"my permesso di soggiorno expired last month how can i renew it", "en", sure},
		{"where can i find a doctor? i dont have the tessera sanitaria yet", "en", sure},
		{"Can I work with the ricevuta from the questura?", "en", sure},
		{"thank you so much for your help", "en", sure},
		{"i need a lawyer for my appeal pls", "en", sure},
		{"how to get codice fiscale for my baby", "en", sure},
		{"My wife is pregnant and we have no place to sleep tonight", "en", sure},
		{"is there a free italian course near Milano?", "en", sure},
		{"Im from Nigeria, they told me to go to the commissione territoriale next week", "en", sure},
		{"wat documents do i need for family reunification", "en", sure},
		{"thanks", "en", sure},
		{"hello", "en", unsure},
	},
	"fr": {
		{"Bonjour, je voudrais demander l'asile en Italie, comment faire ?", "fr", sure},
		{"mon permis de sejour a expire, je dois faire quoi", "fr", sure},
		{"Je n'ai pas de médecin et je suis malade depuis une semaine", "fr", sure},
		{"est ce que je peux travailler avec la ricevuta de la questura?", "fr", sure},
		{"merci beaucoup pour votre aide", "fr", sure},
		{"svp j'ai besoin d'un avocat pour mon recours", "fr", sure},
		{"ou est ce que je peux faire le codice fiscale pour mon enfant", "fr", sure},
		{"ma femme est enceinte et on a pas de logement", "fr", sure},
		{"slt jsuis a rome et jsais pas ou dormir ce soir", "fr", sure},
		{"Ils m’ont dit d’aller à la prefecture mais je comprends rien", "fr", sure},
		{"c koi le numero pour appeler la police", "fr", sure},
		{"bonjour", "fr", sure},
	},
	"fa": {
		{"سلام، من از افغانستان هستم و میخواهم درخواست پناهندگی بدهم. چی کار کنم؟", "fa", sure},
		{"کارت اقامت من تمام شده، برای تمدید کجا باید بروم؟", "fa", sure},
		{"اولادهایم مکتب نمیروند، چطور میتوانم آنها را در مکتب ثبت نام کنم؟", "fa", sure},
		{"من مریض هستم و داکتر ندارم، کجا بروم؟", "fa", sure},
		{"تشکر از کمک شما، خیلی خوب بود", "fa", sure},
		{"ببخشید، امروز در کمپ به ما گفتند که باید از اینجا برویم. حالا چی کنیم؟", "fa", sure},
		{"ایا میتانم کار کنم وقتی که رسید کویستورا را دارم؟", "fa", sure},
		{"خانمم حامله است و بیمه صحی نداریم", "fa", sure},
		{"مه میخواهم با یک نفر گپ بزنم", "fa", sure},
		{"پیسه ندارم و جای خواب هم ندارم", "fa", sure},
		{"من ميخواهم كار كنم در ايتاليا", "fa", sure}, // typed on an Arabic keyboard
		{"می‌خواهم بدانم که چطور می‌توانم خانواده‌ام را به ایتالیا بیاورم", "fa", sure},
	},
	"ps": {
		{"سلام، زه له افغانستان څخه راغلی یم او غواړم د پناه غوښتنه وکړم.", "ps", sure},
		{"زما کارت ختم شوی دی، اوس څه وکړم؟", "ps", sure},
		{"زما ماشومان ښوونځي ته نه ځي، څنګه یې ثبت کړم؟", "ps", sure},
		{"زه ناروغ یم، ډاکټر ته اړتیا لرم", "ps", sure},
		{"ستاسو د مرستې څخه ډېره مننه", "ps", sure},
		{"زه غوارم چی کار وکرم، اجازه لرم که نه؟", "ps", sure}, // typed on a Dari keyboard
		{"زما ښځه امیندواره ده او روغتون ته تلل غواړو", "ps", sure},
		{"زه چیرته لاړ شم چې کاغذونه مې جوړ شي؟", "ps", sure},
		{"پیسې نه لرم، کوم ځای شته چې ډوډۍ راکړي؟", "ps", sure},
		{"ماته ووایاست چې اجازه نامه څنګه نوې کړم", "ps", sure},
		{"زه په میلان کې یم او د کار لپاره مرسته غواړم", "ps", sure},
		{"مننه", "ps", sure},
	},
	"ar": {
		{"مرحبا، أريد أن أقدم طلب لجوء في إيطاليا، ماذا أفعل؟", "ar", sure},
		{"انتهت صلاحية إقامتي، كيف أجددها؟", "ar", sure},
		{"مرحبا، بدي اعرف كيف بسجل ولادي بالمدرسة", "ar", sure},   // Levantine
		{"انا عايز اشتغل بس معنديش ورق، اعمل ايه؟", "ar", sure},   // Egyptian
		{"سلام، بغيت نعرف واش نقدر نخدم بالريسيفوتا", "ar", sure}, // Moroccan
		{"شلون اقدر اسوي بطاقة صحية؟", "ar", sure},                // Iraqi
		{"داير اسأل عن الكرت الصحي وين بلقاهو", "ar", sure},       // Sudanese
		{"ابغى اعرف وش الأوراق المطلوبة", "ar", sure},             // Gulf
		{"انا مريض وما عندي طبيب شو اعمل", "ar", sure},
		{"شكرا كتير على المساعدة", "ar", sure},
		{"زوجتي حامل ونحتاج مستشفى قريب", "ar", sure},
		{"هل يمكنني العمل بالريسيفوتا؟", "ar", sure},
		{"السلام عليكم، عندي مشكلة في الإقامة", "ar", sure},
	},
	"uk": {
		{"Привіт! Я з України, хочу дізнатися, як отримати тимчасовий захист в Італії.", "uk", sure},
		{"Де можна зробити codice fiscale для дитини?", "uk", sure},
		{"Мені потрібен лікар, але в мене немає tessera sanitaria", "uk", sure},
		{"Здравствуйте, подскажите, где получить permesso di soggiorno?", "uk", sure}, // Russian
		{"дякую за допомогу", "uk", sure},
		{"Як записатися до questura в Мілані?", "uk", sure},
		{"я нє знаю шо робить з документами", "uk", sure}, // Surzhyk
		{"чи можна працювати з ricevuta?", "uk", sure},
		{"Доброго дня, мій син хворий, куди звернутися?", "uk", sure},
		{"привіт", "uk", sure},
	},
	// Written before the word lists were tuned, to estimate accuracy on unseen text.
	"en-heldout": {
		{"Good evening, my son has fever since yesterday, which hospital is open at night", "en", sure},
		{"hi sir i lost my passport in the train what to do now", "en", sure},
		{"Nobody answers at the questura phone number", "en", sure},
		{"can my cousin stay with me in the cas", "en", sure},
		{"When will the commission give me the answer?", "en", sure},
		{"bro i got the negative decision, any chance to appeal??", "en", sure},
		{"please tell me the address of caritas in Bari", "en", sure},
		{"They stopped my pocket money, is it legal", "en", sure},
		{"ok thanks a lot", "en", sure},
		{"Good morning", "en", sure},
	},
	"fr-heldout": {
		{"Bonsoir, mon fils a de la fièvre depuis hier, quel hôpital est ouvert la nuit", "fr", sure},
		{"j ai perdu mon passeport dans le train, je fais comment maintenant", "fr", sure},
		{"Personne ne répond au téléphone de la questura", "fr", sure},
		{"est-ce que mon cousin peut rester avec moi au cas", "fr", sure},
		{"Quand est-ce que la commission va me donner la réponse ?", "fr", sure},
		{"frère j'ai eu le refus, y a une chance de faire appel ??", "fr", sure},
		{"Donnez moi l'adresse de la caritas à Bari svp", "fr", sure},
		{"ils ont arrêté mon argent de poche, c'est légal?", "fr", sure},
		{"ok merci bcp", "fr", sure},
		{"Bonne journée", "fr", sure},
	},
	"fa-heldout": {
		{"شب بخیر، بچیم از دیروز تب دارد، کدام شفاخانه شب باز است", "fa", sure},
		{"پاسپورتم را در ریل گم کردم حالی چه کنم", "fa", sure},
		{"هیچکس تیلفون کویستورا را جواب نمیده", "fa", sure},
		{"آیا بچه کاکایم میتانه در کمپ پیش مه بمانه؟", "fa", sure},
		{"کمیسیون چه وقت جواب مرا میدهد؟", "fa", sure},
		{"برادر جواب منفی گرفتم، راهی برای اعتراض هست؟", "fa", sure},
		{"لطفا آدرس کاریتاس در باری را برایم بفرستید", "fa", sure},
		{"پول جیبی ما را قطع کردند، این قانونی است؟", "fa", sure},
		{"خوب تشکر زیاد", "fa", sure},
		{"صبح بخیر", "fa", sure},
	},
	"ps-heldout": {
		{"ماښام مو پخیر، زوی مې له پرونه تبه لري، کوم روغتون د شپې خلاص وي", "ps", sure},
		{"پاسپورټ مې په اورګاډي کې ورک شو، اوس څه وکړم", "ps", sure},
		{"د کویستورا ټیلیفون هیڅوک نه اخلي", "ps", sure},
		{"ایا زما د تره زوی کولی شي په کمپ کې زما سره پاتې شي؟", "ps", sure},
		{"کمیسیون به کله ځواب راکړي؟", "ps", sure},
		{"ورور منفي ځواب مې ترلاسه کړ، د اعتراض لاره شته؟", "ps", sure},
		{"مهرباني وکړئ د باري د کاریتاس پته راته ولېږئ", "ps", sure},
		{"زموږ د جیب پیسې یې بندې کړې، دا قانوني ده؟", "ps", sure},
		{"ښه ډېره مننه", "ps", sure},
		{"سهار مو پخیر", "ps", sure},
	},
	"ar-heldout": {
		{"مساء الخير، ابني عنده حرارة من امبارح، اي مستشفى مفتوح بالليل", "ar", sure},
		{"ضيعت جواز سفري بالقطار شو لازم اعمل هلق", "ar", sure},
		{"ما حدا عم يرد على تلفون الكويستورا", "ar", sure},
		{"ممكن ابن عمي يسكن معي بالكامب؟", "ar", sure},
		{"متى اللجنة رح تعطيني الجواب؟", "ar", sure},
		{"يا اخي جاني رفض، في امل للاستئناف؟", "ar", sure},
		{"من فضلك اعطني عنوان كاريتاس في باري", "ar", sure},
		{"وقفوا المصروف الشخصي تبعنا، هل هذا قانوني", "ar", sure},
		{"تمام شكرا جزيلا", "ar", sure},
		{"صباح الخير", "ar", sure},
	},
	"uk-heldout": {
		{"Добрий вечір, у сина температура з учора, яка лікарня працює вночі", "uk", sure},
		{"загубила паспорт у поїзді що тепер робити", "uk", sure},
		{"ніхто не відповідає по телефону квестури", "uk", sure},
		{"Чи може мій двоюрідний брат жити зі мною в таборі?", "uk", sure},
		{"коли комісія дасть відповідь?", "uk", sure},
		{"мені відмовили, чи є шанс оскаржити??", "uk", sure},
		{"Дайте будь ласка адресу карітас у Барі", "uk", sure},
		{"Нам припинили виплату кишенькових грошей, це законно?", "uk", sure},
		{"ок дякую", "uk", sure},
		{"Доброго ранку", "uk", sure},
	},
	"other-languages": {
		{"ho bisogno di aiuto per il permesso di soggiorno", "", unsure}, // Italian
		{"hola necesito ayuda con mis papeles", "", unsure},              // Spanish
		{"ich brauche Hilfe bei der Questura", "", unsure},               // German
	},
	"mixed": {
		{"عندي سؤال عن permesso famiglia (ricongiungimento familiare)، هل ممكن؟", "ar", sure},
		{"Я отримала permesso di soggiorno per protezione temporanea, що далі?", "uk", sure},
		{"من ricevuta از questura گرفتم، حالا چند وقت باید صبر کنم؟", "fa", sure},
		{"زما permesso di soggiorno ختم شوی، questura ته ولاړم خو هیڅ یې ونه ویل", "ps", sure},
		{"My brother محمد is still in Libya, can he come to Italy?", "en", sure},
		{"J'ai vu sur https://www.integrazionemigranti.gov.it qu'il faut un rendez-vous", "fr", sure},
		{"اتصلت على 800 290 290 وما حدا رد", "ar", sure},
		{"/start hello i need help", "en", sure},
		{"Мій номер +39 333 123 4567, напишіть мені", "uk", sure},
	},
	"romanized": {
		{"salam", "fa", unsure},
		{"salam chetori? mekhaham ba yak nafar gap bezanam", "fa", unsure},
		{"manana", "ps", unsure},
		{"ana bdi 3ndi so2al 3an el iqama", "ar", unsure},
		{"pryvit, dyakuyu", "uk", unsure},
	},
	"short": {
		{"سلام", "fa", unsure}, // Dari or Arabic: a guess
		{"مرسته", "ps", sure},
		{"مرحبا", "ar", sure},
		{"hi", "en", unsure},
	},
	"nothing": {
		{"", "", unsure},
		{"ok", "", unsure},
		{"12", "", unsure},
		{"👍🙏", "", unsure},
		{"?!", "", unsure},
		{"questura permesso ricevuta", "", unsure},
		{"codice fiscale", "", unsure},
		{"la questura di Milano", "", unsure},
		{"مجھے مدد چاہیے، میں پاکستان سے ہوں", "", unsure}, // Urdu
		{"আমার সাহায্য দরকার", "", unsure},                 // Bengali
	},
}

func TestDetect(t *testing.T) {
	total, right := 0, 0
	for group, cases := range detectCases {
		for _, tc := range cases {
			t.Run(group+"/"+tc.text, func(t *testing.T) {
				total++
				got := Detect(tc.text)
				ok := got.Lang == tc.lang &&
					(tc.conf == either || got.Confident == (tc.conf == sure))
				if !ok {
					t.Errorf("Detect(%q) = %+v, want lang %q conf %v", tc.text, got, tc.lang, tc.conf == sure)
					return
				}
				right++
			})
		}
	}
	t.Logf("detection: %d/%d cases right", right, total)
}

func TestDetectWithHint(t *testing.T) {
	tests := []struct {
		text, hint string
		want       Detection
	}{
		{"سلام", "ar", Detection{Lang: "ar"}},
		{"سلام", "ps-AF", Detection{Lang: "ps"}},
		{"سلام", "prs", Detection{Lang: "fa"}},
		{"سلام", "en", Detection{Lang: "fa"}},  // hint in another script is ignored
		{"salam", "ar", Detection{Lang: "ar"}}, // romanised: the hint may pick among fa/ps/ar
		{"ok", "fr", Detection{Lang: "fr"}},
		{"ok", "ar", Detection{}},
		{"12", "uk-UA", Detection{Lang: "uk"}},
		{"hello", "ru", Detection{Lang: "en"}}, // Russian is not a supported hint
		{"hello", "fr", Detection{Lang: "fr"}},
		{"привіт", "en", Detection{Lang: "uk", Confident: true}},
		{"Je n'ai pas de logement", "ar", Detection{Lang: "fr", Confident: true}},
		{"زه ناروغ یم", "fa", Detection{Lang: "ps", Confident: true}},
		{"مجھے مدد چاہیے", "fa", Detection{}}, // Urdu: the hint does not make it Dari
		{"আমার সাহায্য দরকার", "en", Detection{}},
		{"👍", "ar", Detection{Lang: "ar"}},
		{"ok", "xx", Detection{}},
	}
	for _, tc := range tests {
		if got := DetectWithHint(tc.text, tc.hint); got != tc.want {
			t.Errorf("DetectWithHint(%q, %q) = %+v, want %+v", tc.text, tc.hint, got, tc.want)
		}
	}
}
