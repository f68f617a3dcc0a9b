package triage

// English, as people write it on their phones: "im", "u", "pls", no apostrophes,
// present tense for the past and for habits. Its markers are also consulted for every
// other language, because "help", "now" and "police" are mixed into all of them.
func enSpec() langSpec {
	return langSpec{
		code: "en",
		macros: map[string]string{
			"ME":   `me|us|my (?:wife|husband|son|daughter|child|baby|kids|children|mother|mom|mum|sister|brother|friend|family|girlfriend|boyfriend)|the (?:kids|children|baby)`,
			"HE":   `he|she|they|hes|shes|theyre|someone|somebody|my husband|my wife|my boyfriend|my ex|my father|my dad|my brother|my boss|the boss|the man|a man|men|people`,
			"VING": `hitting|hiting|hittin|beating|beatin|beting|beatting|kicking|punching|slapping|strangling|choking|chocking|attacking|stabbing|raping|hurting|torturing|threatening|pushing|dragging|burning|biting`,
			"VIO":  `hit|hits|hiting|hitting|beat|beats|beating|beaten|kick%|punch%|slap%|strangl%|chok%|attack%|stab%|rape|rapes|raped|raping|abus%|assault%|hurt|hurts|hurting|threaten%|tortur%|push%|drag%`,
			"KILL": `kill|murder|hurt|stab|shoot|rape|burn|beat|hit|strangle|cut|slaughter`,
			"Q":    `how|how do i|how can i|how to|where|where do i|where can i|when|can i|could i|do i|should i|is it possible to|i want to|i need to|i have to|i must|what is the way to|to`,
			"DOC":  `photo|photos|picture|pictures|pic|pics|image|screenshot|scan|copy|document|documents|doc|docs|decision|letter|paper|papers|file|pdf|permit|card|decree|notification|notifica|verbale|ricevuta|decreto|denial|rejection`,
		},
		markers: map[marker][]string{
			mNowStrong: {
				`right now|rite now|right know|rn|this (?:very )?moment|at this moment|now now|hurry|hurry up`,
				`come (?:fast|quick|quickly|now|please|pls)|send (?:the )?police|call (?:the )?police (?:now|please|pls|quick)`,
				`sos|s o s|save me|save us|help help|hellp|heeelp|mayday`,
				`(?:he|she|they|hes|shes|theyre|the man|my husband) (?:is |are )?(?:here|coming|outside|at the door|behind the door)`,
				`(?:banging|knocking|kicking) (?:on )?(?:the|my) door|break(?:ing)? (?:the door|in|into)|trying to (?:enter|get in|break)`,
				`(?:im|i am|we are|were) hiding`,
			},
			mNowWeak: {
				`now|nw|noww|tonight|tonite|today|this night|this evening|still|again|currently|at the moment`,
				`help me|help us|please help|pls help|plz help|help pls|help please|helpme|need help now`,
				`urgent|urgently|emergency|quick|quickly|immediately|asap|in danger|scared|afraid|terrified|panic`,
			},
			mPast: {
				`yesterday|last (?:night|week|month|year|time|summer|winter|weekend)|ago|in the past|previously|before|earlier`,
				`many times|several times|lots of times|sometimes|often|every day|everyday|for years|for months|used to|when i was|since (?:years|long|\d+ years)`,
				`in (?:libya|tunisia|afghanistan|pakistan|iran|syria|sudan|nigeria|ukraine|turkey|greece|morocco|egypt|the camp in|prison in)`,
			},
			mCalm: {
				`(?:in|to|back to) my (?:country|home country)|back home|go back|return|deport%|sent back|send me back|taliban|on the way|during the journey`,
				`permit|permesso|residence|divorce|separat%|custody|lawyer|court|tribunal|judge|report|denounce|complaint|asylum|commission|interview|rights|legal|law|lose my|lose the|visa|reunification|bring|questura`,
			},
			mChildRisk: {
				`sleep% ~ (?:outside|street|streets|station|park|train|bus|ground|floor|bench)|on the street|in the street|at the station|in the station|(?:train|bus) station|in a park`,
				`no place|nowhere|no where|no house|no home|homeless|no shelter|no bed|lost|missing|hungry|no food|no money|no one help%|nobody help%|tonight|this night`,
			},
			mAlone:    {`alone|by myself|on my own|no one|nobody|no family|no parents|unaccompanied`},
			mHeld:     {`(?:cant|can not|cannot|not allowed to|dont let (?:me|us)|doesnt let (?:me|us)|wont let (?:me|us)|do not let (?:me|us)) ~ (?:leave|go|get out|go out|escape|out)|locked|lock (?:me|us)|prisoner|against (?:my|our) will|forc%|threat%|kill|hurt|harm|guard%|debt|owe|sold|sell|(?:must|have to|has to) work|work for (?:him|her|them)|or else|if (?:i )?(?:dont|do not|not)`},
			mThreat:   {`threat%|kill|hurt|beat|harm|my family|juju|voodoo|curse|or else|otherwise|if i dont`},
			mPregRisk: {`bleed%|blood|contraction%|labou?r|water broke|waters broke|water has broken|baby (?:is )?coming|giving birth|severe pain|strong pain|lot of pain|so much pain|fainted|not moving`},
			mSeaCtx:   {`boat|dinghy|rubber boat|ship|vessel|barca|barcone|gommone|sea|at sea|mediterranean|coast ?guard|waves`},
			mSeaTrouble: {
				`no (?:more )?(?:water|fuel|petrol|gas|benzin|food)|out of (?:water|fuel|petrol)|engine|motor|sinking|sink|taking water|water (?:is )?coming in|lost|drifting|gps|position|coordinates|sos|help|dying|waves|storm|coast ?guard|days|children|pregnant`,
			},
		},
		rules: []rule{
			// Sea
			urgent(Sea, present, `(?:boat|dinghy|ship|vessel|barca|barcone|gommone) ~ (?:sinking|sink|sinks|is going down|taking water|filling with water|broken|broke down|capsiz%|overturn%|flipp%|in distress|drifting|no engine|engine (?:is )?(?:broken|stopped|dead|not working))`),
			urgent(Sea, present, `(?:we are|were|we r|they are|theyre|im|i am) (?:sinking|drowning)|sinking now|people (?:are )?drowning|(?:man|person|someone|child|people) overboard`),
			urgent(Sea, present, `(?:people|persons|someone|a man|a woman|a child|children|kids|they|we|my \S+) ~ (?:in the water|in the sea|fell (?:in|into) the (?:sea|water))`),
			urgent(Sea, always, `(?:we are|were|we r|im|i am|they are|we still) ~ (?:at sea|in the sea|on a boat|on the boat|in a boat|in the boat|in the middle of the sea|on a dinghy)`).needs(mSeaTrouble),
			urgent(Sea, present, `(?:no|without|out of|finished|no more) (?:\S+ )?(?:water|fuel|petrol|gasoline|benzin%|food)|engine (?:is )?(?:broken|stopped|dead|not working)|lost at sea`).needs(mSeaCtx),
			urgent(Sea, always, `sos|mayday|call (?:the )?coast ?guard|alarm ?phone|our position is|gps position|coordinates`).needs(mSeaCtx),
			// Injury
			urgent(Injury, present, `(?:is|hes|shes|im|i am|we are|he s|she s|my \S+ (?:is|are)|someone is|still) (?:\S+ )?(?:bleeding|bleding|unconscious|unconcious|not breathing|passed out|fainted|collapsed|dying|overdosing|convulsing|having a (?:heart attack|seizure|stroke|fit))`).notAfter(`to|for`),
			urgent(Injury, present, `(?:cant|cannot|can not|not able to|unable to|hard to|trouble to|difficult to) breath%|stopped breathing|not breathing|no pulse|wont wake up|doesnt wake up|not waking up|turning blue`),
			urgent(Injury, present, `(?:a lot of|so much|too much|lots of|heavy|heavily) (?:blood|bleeding)|bleeding (?:a lot|heavily|badly|too much|from)|blood everywhere`),
			urgent(Injury, present, `(?:got|was|been|is|he|she|i) (?:stabbed|shot)|hit by a car|run over|fell from (?:the )?(?:roof|window|balcony|scaffold%|building|ladder)|heart attack|overdose|seizure|convulsion%|head injury|(?:badly|seriously|very|really|bad) (?:hurt|injured|wounded)|(?:hurt|injured|wounded) (?:badly|seriously)|(?:car|bad|serious|terrible) accident|broken (?:neck|back|skull)|electrocuted|poisoned|burn(?:ed|t) badly`),
			urgent(Injury, present, `pregnant|pregnancy|pregant|pragnant|incinta`).needs(mPregRisk),
			urgent(Injury, present, `in labou?r|giving birth|(?:her |my )?waters? (?:has |have |is )?broke%|baby is coming|(?:strong |regular )?contractions`),
			urgent(Injury, present, `(?:call|send|need|get) (?:an |the |a )?(?:ambulance|ambulanza|doctor now|118)`).notBefore(`{Q}|(?:{Q}) \S+|number to|number for`),
			// Suicide
			urgent(Suicide, always, `(?:kill|killing|hang|hanging|hurt|hurting|cut|cutting|harm|harming|end|ending|shoot|poison|burn) (?:my ?self|mysef|myslef|meself)`).notBefore(`not|never|dont|wont|do not|will not|would never|wouldnt|didnt`),
			urgent(Suicide, always, `(?:end|take|finish|ending|taking) (?:my|this) (?:own )?life|(?:end|finish) (?:it all|everything) (?:tonight|today|now)|tonight (?:i|ill|i will) ~ (?:finish|end) (?:everything|it all|all|it|my life)`).notBefore(`not|never|dont|wont`),
			urgent(Suicide, always, `(?:want|wanna|wnt|wana|wan|whant|wish|going|ready|decided|try%|plan%|thinking|think|thought|prefer|like) (?:\S+ ){0,2}(?:to )?(?:die|dying|be dead|suicide|commit suicide|end it|end everything|disappear forever)`).notBefore(`dont|do not|not|never|didnt`).notAfter(`of (?:hunger|cold|laugh%)|in the sea|at sea|laughing|in my (?:home )?country|at home|there|in (?:\S+ )?(?:country|homeland)`),
			urgent(Suicide, always, `(?:dont|do not|no longer|not|dont even|never) (?:want|wanna|wish) (?:to )?(?:live|be alive|exist|wake up|continue|go on|be here)(?: anymore| any more| no more)?`).notAfter(`in|here|there|with|at|on|near|inside|like this in|under|together`),
			urgent(Suicide, always, `suicidal|suicide|suicid|sucide|suiside|self harm|selfharm|kill my ?self|off myself`).notBefore(`(?:my|his|her|a|the) (?:\S+ )?(?:friend|brother|cousin|uncle|father|son|neighbour|neighbor) (?:\S+ )?(?:committed|did)|prevent%|about`).notAfter(`last (?:year|month|week)|years ago|in (?:libya|afghanistan|prison)`),
			urgent(Suicide, always, `(?:better|best) (?:\S+ )?(?:if i (?:was|were|am) dead|off dead|to be dead|to die)|(?:no|any) reason to live|nothing (?:left )?to live for|tired of (?:life|living|being alive)|life is (?:meaningless|pointless|over|not worth)`),
			urgent(Suicide, always, `jump (?:off|from) (?:the |a |this )?(?:bridge|building|roof|window|balcony|train)|(?:took|take|taking|swallow%|drank|drink) ~ (?:pills|tablets|poison|bleach|medicines)|goodbye (?:everyone|world|forever)|say goodbye to (?:everyone|my family)`).notBefore(`how|dont|not`),
			// Trafficking
			urgent(Trafficking, always, `(?:took|take|taken|takes|keep|keeps|kept|has|have|hold|holds|holding|stole|stolen|confiscat%|took away|hide|hid) ~ (?:my|our|all our|all my) (?:passport|passports|documents|docs|papers|id|permit|documenti|passaporto)`).needs(mHeld).notBefore(`(?:questura|police|polizia|embassy|consulate|prefettura|office|lawyer|commission|court|airport|border|bank|hospital|school)(?: \S+){0,2}`),
			urgent(Trafficking, always, `(?:locked|lock|locks|keep|keeps|kept|held|hold|holding|hide|hidden) (?:me |us )?(?:in|inside|up in) (?:the |a |this |their |his )?(?:house|farm|apartment|flat|building|warehouse|container|field|factory|camp|place|garage)`).notBefore(`{Q}`),
			urgent(Trafficking, always, `(?:keep|keeps|kept|held|holding|hold) (?:me|us) (?:as )?(?:a )?(?:prisoner|prisoners|captive|hostage|slave|slaves)|held against (?:my|our) will|against (?:my|our) will|(?:im|i am|we are) (?:a )?(?:prisoner|prisoners|hostage|slave|slaves)`),
			urgent(Trafficking, always, `forc% (?:me|us|my \S+|her|them)? ?(?:to )?(?:do )?(?:prostitution|prostitute|sex|sleep with|have sex|sell (?:my|our|her) body|be with men|work (?:on|in) the street)|(?:make|makes|made) (?:me|us) (?:do )?(?:prostitution|sex work|sleep with)`),
			urgent(Trafficking, always, `forc% (?:me|us)? ?(?:to )?work|(?:make|makes) (?:me|us) work (?:for free|without pay|day and night)|not (?:allowed|let) to (?:leave|go out|stop working)`).needs(mThreat),
			urgent(Trafficking, always, `(?:madam|madame|mama|boss|pimp|trafficker%|smuggler%|mafia|caporale|connection man) ~~ (?:owe|debt|pay back|must pay|have to pay|pay them)`).needs(mThreat),
			urgent(Trafficking, present, `(?:cant|can not|cannot|not allowed to|dont let (?:me|us)|doesnt let (?:me|us)|wont let (?:me|us)) ~ (?:leave|go out|go away|escape|get out)`).needs(mHeld).notIn(`permit|camp|italy|country|without`),
			urgent(Trafficking, present, `(?:sold|sell|selling) (?:me|us|my body|her|girls|women|children)|trafficked|trafficking victim`),
			// Violence
			urgent(Violence, ongoing, `(?:{VING}) (?:{ME})|(?:he|she|they|hes|shes|theyre|someone|somebody|husband|boyfriend|man|men|people) (?:is |are |s )?(?:killing|kiling|murdering) (?:me|us)`).notBefore(`was|were|used to|kept|been|had|stop|stopped|about|for|of|from|not|isnt|wasnt|werent|accused%`).notAfter(`for (?:years|months|long)|since|every|always|many times|sometimes|often|when`),
			urgent(Violence, ongoing, `(?:im|i am|we are|am|are|is|getting|get) being (?:beaten|hit|attacked|raped|abused|stabbed|strangled|choked|tortured|threatened)`),
			urgent(Violence, present, `(?:will|gonna|going to|wants? to|want to|wanna|try(?:ing)? to|tries to|threaten(?:s|ing|ed)? to|hell|shell|theyll|hes gonna|shes gonna|swear(?:s)? to|says? (?:he|she|they) will|come to|coming to) (?:\S+ )?(?:{KILL}) (?:{ME})`).notBefore(`if i (?:\S+ )?(?:go|return|am sent|get sent|am deported|went)(?: \S+){0,4}`),
			urgent(Violence, present, `(?:has|have|got|holding|with|pulled|took|taking|grabbed) (?:a |his |her |the |their )?(?:knife|gun|pistol|weapon|machete|blade|axe|knifes|guns)`).needs(mNowWeak),
			urgent(Violence, present, `locked (?:me |us )?(?:in|inside) (?:the |a |my |this )?(?:bathroom|toilet|room|kitchen|basement|car|cellar|wc|bedroom)|(?:im|i am|we are|were|am) locked (?:in|inside|up)|locked me (?:in|up)|locked us (?:in|up)`),
			urgent(Violence, present, `(?:im|i am|we are|were|my \S+ is|she is|he is) in (?:great |big |serious |real )?danger`).notAfter(`in|if|there|back|of|to`),
			urgent(Violence, present, `(?:following|chasing|stalking) (?:me|us)|(?:trying|try) to (?:break in|get in|enter)`).needs(mNowWeak),
			urgent(Violence, present, `(?:{HE}) (?:\S+ )?kills? (?:me|us)`).notBefore(`if (?:\S+ ){0,4}`),
			urgent(Violence, present, `(?:trying to|try to|tries to|wants? to|going to) break (?:the |my |our )?(?:door|in|window)|breaking (?:the |my |our )?(?:door|window|in)|(?:banging|kicking|knocking) (?:on )?(?:the|my|our) door`),
			urgent(Violence, needNow, `(?:{VIO}) (?:{ME}|him|her|them)|(?:i|we) (?:was|were|got|been|am|are) (?:beaten|hit|attacked|raped|abused|stabbed|threatened|assaulted)`),
			urgent(Violence, always, `rap(?:e|ed) (?:me|us) ~ (?:last night|tonight|today|this morning|just now|an hour ago)|(?:i was|i got|been) raped ~ (?:last night|tonight|today|this morning|just now)`),
			// Child
			urgent(Child, always, `(?:i am|im|i m|am|me|aged?|age|only) {AGE}(?: years?| yrs?| y o| yo| year old| years old)?|{AGE} ?(?:years?|yrs?|y) old|{AGE}yo|(?:i am|im|i m) (?:a |an )?(?:minor|underage|kid|child)|unaccompanied minor|minorenne|under (?:18|age)|not yet 18`).notAfter(`days|months|weeks|euro|euros|hours|minutes|km|people`).needs(mChildRisk),
			urgent(Child, present, `(?:i am|im|i m|am|aged?|age|only) {AGE}(?: years?| yrs?| year old| years old)?|{AGE} ?(?:years?|yrs?|y) old|(?:i am|im|i m) (?:a |an )?(?:minor|underage|kid|child)|unaccompanied minor`).notAfter(`days|months|weeks|euro|euros|hours|minutes|km|people`).needs(mAlone),
			urgent(Child, present, `(?:my|our) (?:child|son|daughter|kid|baby|boy|girl|children|kids|little (?:brother|sister|one|boy|girl)) (?:\S+ ){0,2}(?:is |are |got |went |has |have )?(?:lost|missing|disappeared|gone missing|not back|not come back|didnt come back|not returned|kidnapped|taken)`),
			urgent(Child, present, `(?:lost|cant find|cannot find|can not find|dont find|looking for|searching for) (?:my|our) (?:child|son|daughter|kid|baby|boy|girl|children|kids|little (?:brother|sister|one))`),
			urgent(Child, present, `(?:a|the|one|small|little|young) (?:\S+ )?(?:child|boy|girl|kid|baby|minor)s? (?:\S+ ){0,4}(?:alone|lost|crying|sleeping outside|on the street|at the station|without parents)`),
			// Other country
			escalate(OtherCountry, `(?:go|goin|going|gonna go|move|moving|travel|travell?ing|relocate|relocating|leave for|leaving for|reach|get|getting|cross|crossing|escape|join|joining|visit|visiting|fly|flying|drive|take me|bring me|come|coming|run|runaway|ticket|train|bus|flight|way) (?:to |into |in |inside |for )?(?:the )?(?:{D})`).notBefore(`was|were|had|have been|had been|already|i came|we came|came`).notAfter(`before|last (?:year|month|week)|years ago|and (?:they|police) (?:sent|send)`),
			escalate(OtherCountry, `(?:asylum|apply|applying|application|papers|documents|permit|residence|visa|benefits?|money|allowance|social|housing|house|job|jobs|work|working|live|living|life|school|study|health|doctor|lawyer|help|citizenship|passport|family reunification|jobcenter|job center|rent|salary|salaries|support|aid|refugees?|status|protection|pay|paid|give|gives|treat|rights) (?:\S+ ){0,3}(?:in|at|of|for) (?:the )?(?:{D})`).notBefore(`(?:applied|asked|had|got|did|was|were|lived|worked|stayed|fingerprint%|registered|rejected|refused|deported|denied|came|arrived|born|studied|married|from)(?: \S+){0,5}`).notAfter(`before|already|previously|last (?:year|month|week)|years ago|in 20\d\d|when|but|and (?:now|then|they)|for \d+ (?:years|months)`),
			escalate(OtherCountry, `(?:how|can|could|is it|where|what|which|do|does|is there|are there|should|would|will|possible|better) ~~ (?:in|to) (?:the )?(?:{D})`).notIn(`applied|lived|worked|was|were|had|came|from|before|fingerprint%|deported|rejected|born|stayed`).notAfter(`before|already|last (?:year|month)|years ago`),
			escalate(OtherCountry, `(?:better|more|less|easier|faster|higher|cheaper) (?:\S+ ){0,4}(?:in|than) (?:the )?(?:{D})|(?:{D}) (?:or|vs|versus) italy|italy (?:or|vs|versus) (?:the )?(?:{D})|(?:{D}) (?:is )?better|compared? (?:to|with) (?:the )?(?:{D})`),
			escalate(OtherCountry, `(?:move|moving|go|going|live|living|work|working|asylum|apply|settle|transfer my (?:permit|protection|status)) (?:to |in )(?:an ?other|a different|another) (?:eu |european |schengen )?country|(?:leave|leaving) italy (?:for|to go)|outside italy (?:to live|to work|forever)`),
			// Personal case
			escalate(PersonalCase, `(?:can|could|would|will|pls|please|plz|can t|cant) (?:you|u|someone|somebody|anyone|you guys|u guys)(?: please| pls| plz)? (?:call|phone|ring|contact|email|mail|text|message|talk to|speak (?:to|with)) (?:the |my |this |a )?(?:\S+)`).notAfter(`me|us`),
			escalate(PersonalCase, `(?:call|phone|ring|contact|email|write to|talk to|speak (?:to|with)) (?:\S+ ){0,4}(?:for me|for us|on my behalf|instead of me)`),
			escalate(PersonalCase, `(?:book|make|get|fix|reserve|take|schedule) (?:me |for me |us |for us )(?:an? |the |my )?(?:appointment|appuntamento|appoinment|apointment|rdv|date|slot|prenotazione|turn)`),
			escalate(PersonalCase, `(?:book|make|get|fix|reserve|schedule|take) (?:an? |the |my )?(?:appointment|appuntamento|appoinment|apointment|slot|prenotazione) (?:\S+ ){0,4}for (?:me|us|my \S+)`).notBefore(`{Q}`),
			escalate(PersonalCase, `(?:can|could|would|will|pls|please|plz) (?:you|u|someone|you guys)(?: please| pls| plz)? (?:help (?:me |us )?)?(?:to )?(?:book|make|fix|reserve|schedule|write|prepare|draft|fill|complete|do|check|correct|review|read|look at|see|verify|translate|submit|renew|follow|handle|take care of|manage) (?:\S+ )?(?:my|our|this|these|it|me an?|the (?:form|letter|document|appeal|application|photo|picture|decision|file|case))`),
			escalate(PersonalCase, `(?:write|prepare|draft|fill|complete|do|make|check|correct|translate|read|submit|renew) (?:\S+ ){0,4}for (?:me|us)`).notBefore(`{Q}`),
			escalate(PersonalCase, `help (?:me |us )?(?:to )?(?:write|fill|prepare|draft|complete|do|submit) (?:\S+ )?(?:my|our|the|this|a|an)`).notBefore(`{Q}`),
			escalate(PersonalCase, `^(?:please |pls |plz |hello |hi |salam )?(?:write|fill|book|call|check|read|look at|see|review|translate|verify|find) (?:\S+ )?(?:my|our|this|it|me)`),
			escalate(PersonalCase, `(?:send|sent|sending|share|upload|forward|attach%) (?:you|u|to you|yu) (?:\S+ ){0,2}(?:{DOC})|(?:ill|i will|i can|let me|can i|i am going to|im going to|i just|here is|here are|i have sent|i sent) (?:send|sent|share|upload|forward|attach%)? ?(?:you |u )?(?:the |a |my )?(?:{DOC})`).notBefore(`where|how|when|to whom|who|where (?:do|should|can|must) i|how (?:do|should|can) i`),
			escalate(PersonalCase, `(?:look|see|read|check|verify|open) (?:at )?(?:the |this |my |these )?(?:{DOC}|attachment|attached)|what (?:does )?(?:this (?:letter|document|paper|decision)|the letter|the document|my decision) (?:says?|mean|means)|what (?:does )?this say|attach% (?:the |this |my |a )?(?:{DOC})|(?:is|are) (?:this|these|my) (?:{DOC}) (?:ok|okay|correct|valid|good|real|fake|right)`).notBefore(`{Q}`),
			escalate(PersonalCase, `(?:check|verify|look at|look into|track|review|follow|see) (?:\S+ )?(?:my|our|his|her) (?:case|file|application|status|request|pratica|practice|dossier|situation|documents?|papers?|permit|position|appeal)`).notBefore(`{Q}|(?:{Q}) \S+`),
			escalate(PersonalCase, `(?:case|file|application|request|pratica|practice|protocol|protocollo|cup|receipt|ricevuta|reference|ref|dossier) (?:number|no|nr|n|num|id|code)? ?(?:is )?(?:\d[\d ]{3,})|(?:help|assist) (?:me |us )?(?:with|on|for) (?:my|our) (?:case|file|appeal|application|pratica|dossier)`),
		},
		greet:  append(salams(), "hi", "hii", "hello", "helo", "hallo", "hey", "heyy", "hy", "hai", "good morning", "good afternoon", "good evening", "morning", "greetings", "how are you", "how r u", "how are u", "hru", "whats up", "sup", "privit", "pryvit", "privet"),
		thanks: []string{"thanks", "thank you", "thank u", "thanks you", "thankyou", "thanx", "thx", "tnx", "tks", "ty", "tq", "thanks a lot", "thank you very much", "thank you so much", "thanks so much", "many thanks", "ok", "okay", "okey", "okk", "k", "kk", "alright", "all right", "fine", "good", "great", "perfect", "cool", "nice", "understood", "got it", "i understand", "bye", "bye bye", "goodbye", "good night", "see you", "grazie", "grazie mille", "va bene", "shukran", "shokran", "choukran", "shukriya", "tashakor", "tashakur", "tashakkur", "manana", "merci", "dyakuyu", "dyakuju", "spasibo", "mamnun", "mamnoon", "khoda hafiz", "khoda hafez", "khuda hafiz", "baraka allahu fik", "jazak allah khair", "jazakallah", "god bless you", "god bless", "thank god"},
		filler: []string{"sir", "madam", "maam", "brother", "bro", "sister", "sis", "my friend", "friend", "friends", "dear", "dears", "admin", "team", "sportello", "bot", "everyone", "everybody", "there", "all", "guys", "and", "you", "u", "too", "very", "much", "so", "again", "for", "the", "help", "info", "information", "answer", "your", "please", "pls", "habibi", "akhi", "jan", "haha", "hahaha", "lol", "h"},
	}
}

// salams are the Latin spellings of "salam alaikum" people write in every language.
func salams() []string {
	out := []string{"salam", "salaam", "slm", "salamalaikum", "salamalikum", "assalamualaikum", "assalamualaykum", "salam o alaikum"}
	for _, s := range []string{"salam", "salaam", "slm", "salamu", "as salam", "assalam", "asalam", "assalamu", "asalamu", "as salamu", "salam o"} {
		for _, a := range []string{"alaikum", "alaykum", "alikum", "alikom", "aleikum", "aleykum", "alaikoum", "alaykoum", "alikoum", "aleykoum", "alaikom", "alykom"} {
			out = append(out, s+" "+a)
		}
	}
	return out
}
