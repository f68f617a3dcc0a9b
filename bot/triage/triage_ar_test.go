package triage

import "testing"

var arUrgent = []tc{
	{"ar", "جوزي عم يضربني هلق ساعدوني", urg(Violence)},
	{"ar", "بدو يقتلني الحين", urg(Violence)},
	{"ar", "النجدة معه سكين", urg(Violence)},
	{"ar", "حابسني بالحمام", urg(Violence)},
	{"ar", "جوزي بيضربني دلوقتي", urg(Violence)},
	{"ar", "قاعد يضربني ويهددني", urg(Violence)},
	{"ar", "دا يضربني هسه", urg(Violence)},
	{"ar", "بدي موت", urg(Suicide)},
	{"ar", "ما بدي عيش خلص", urg(Suicide)},
	{"ar", "الليلة بخلص كل شي", urg(Suicide)},
	{"ar", "ناوي انتحر", urg(Suicide)},
	{"ar", "بغيت نموت", urg(Suicide)},
	{"ar", "والله تعبت من الحياة بدي اقتل حالي", urg(Suicide)},
	{"ar", "اخذوا جوازي وما بيخلوني اطلع من البيت", urg(Trafficking)},
	{"ar", "غصب عني يشغلوني بالدعارة", urg(Trafficking)},
	{"ar", "عمري ١٥ سنة ونايم بالشارع", urg(Child)},
	{"ar", "ابني ضايع من الصبح", urg(Child)},
	{"ar", "صاحبي عم ينزف كتير وفاقد الوعي", urg(Injury)},
	{"ar", "مرتي حامل ونازل منها دم", urg(Injury)},
	{"ar", "القارب عم يغرق نحنا ٥٠ شخص", urg(Sea)},
	{"ar", "احنا في البحر والموتور خربان ما في مي", urg(Sea)},
}

var arCalm = []tc{
	{"ar", "جوزي ضربني كتير مرات، اذا تركته بخسر الاقامة؟", none},
	{"ar", "شو رقم الاسعاف بإيطاليا؟", none},
	{"ar", "عمري ١٧ سنة، فيني روح عالمدرسة؟", none},
	{"ar", "بشتغل ١٢ ساعة ب ٣ يورو بلا عقد والكابورالي بياخد النص", none},
	{"ar", "ما بدي عيش بهالكامب، فيني غير المركز؟", none},
	{"ar", "انضربت بليبيا، هاد بيساعد بطلب اللجوء؟", none},
	{"ar", "اذا رجعت على سوريا رح يقتلوني، فيني آخد لجوء؟", none},
	{"ar", "انا حامل كيف بطلع بطاقة STP؟", none},
	{"ar", "وصلت بالقارب على لامبيدوزا، كيف بقدم لجوء؟", none},
	{"ar", "صاحب الشغل ماسك جوازي، هاد قانوني؟", none},
	{"ar", "ما بدي موت بالبحر متل اخي، في طريق قانوني؟", none},
}

var arEscalate = []tc{
	{"ar", "كيف بقدم لجوء بفرنسا؟", esc(OtherCountry)},
	{"ar", "بألمانيا بيعطوا مصاري اكتر؟", esc(OtherCountry)},
	{"ar", "بدي سافر عهولندا", esc(OtherCountry)},
	{"ar", "قدمت لجوء بالنمسا من قبل وهلق عندي دبلن بإيطاليا", none},
	{"ar", "ضيعت جوازي بليبيا", none},
	{"ar", "بدي جيب مرتي من سوريا", none},
	{"ar", "ممكن تحجزولي موعد بالكويستورا؟", esc(PersonalCase)},
	{"ar", "ببعتلك صورة القرار، شو مكتوب فيه؟", esc(PersonalCase)},
	{"ar", "اكتبولي الطعن الله يخليكم", esc(PersonalCase)},
	{"ar", "شيكولي على ملفي", esc(PersonalCase)},
	{"ar", "كيف بحجز موعد بالكويستورا؟", none},
	{"ar", "كيف اكتب طعن؟", none},
}

var arSmalltalk = []tc{
	{"ar", "السلام عليكم", small(Greeting)},
	{"ar", "مرحبا", small(Greeting)},
	{"ar", "شكرا كتير", small(Thanks)},
	{"ar", "يعطيك العافية", small(Thanks)},
	{"ar", "السلام عليكم، كيف بجدد الاقامة؟", none},
}

func TestArabic(t *testing.T) {
	t.Run("urgent", func(t *testing.T) { run(t, arUrgent) })
	t.Run("calm", func(t *testing.T) { run(t, arCalm) })
	t.Run("escalate", func(t *testing.T) { run(t, arEscalate) })
	t.Run("smalltalk", func(t *testing.T) { run(t, arSmalltalk) })
}
