"""Whom he/she stands for in whole multi-paragraph passages (CBC/CP, British court and sport,
agency copy), written for issue 20 by the pron15 helper: each pronoun quote with its true
speaker. Traps: two people of one gender, a person only an object, a man and a woman where
gender decides. Usage: PYTHONPATH=src python benchmarks/pronoun_battery.py [-v]"""
import sys
from briefing.quotes import extract_quotes
B = [
# (text, {quote-start-substring: expected speaker})
("""Sarah Thompson thought her bank would protect her. The Winnipeg teacher lost $12,000 to a phone scam last spring.

She says the caller knew her account number and her address.

“I felt completely violated,” she says.

Go Public asked RBC about the case. Bank spokesperson Gillian McArdle said the bank takes fraud seriously.

“We encourage clients to contact us right away,” McArdle said in an email.

Thompson says that isn't good enough.

“They had every chance to stop it,” she says.""", {"I felt": "Sarah Thompson", "They had": "Sarah Thompson"}),
("""Prime Minister Justin Trudeau met Conservative Leader Pierre Poilievre on Tuesday.

Trudeau said the talks were useful but that more work was needed.

“We are going to keep at it,” he said.

Poilievre disagreed. He said the government had wasted a year.

“Canadians are tired of waiting,” he said.""", {"We are going": "Justin Trudeau", "Canadians are": "Pierre Poilievre"}),
("""Connor McDavid scored twice as the Edmonton Oilers beat the Calgary Flames 4-2 on Saturday.

Leon Draisaitl added a goal and two assists, and Stuart Skinner made 31 saves.

“It was a big win for us,” McDavid said. “We needed that one.”

Skinner was sharp early when the Flames pushed.

“The guys in front of me made it easy,” he said.""", {"The guys": "Stuart Skinner"}),
("""A man who stabbed his neighbour during a row over parking has been jailed for six years.

John Harris, 45, of Leeds, admitted wounding with intent at Leeds Crown Court.

Judge Mary Collins told him his actions were cowardly.

“You armed yourself before you left the house,” she said.

Prosecutor David Lee said the victim still suffered nightmares.

“He will carry these scars for life,” he told the court.""", {"You armed": "Mary Collins", "He will carry": "David Lee"}),
("""Maria Gonzalez, a nurse in Halifax, says the emergency room is overwhelmed.

“We see patients waiting 20 hours,” she said.

Health Minister Michelle Thompson said the province is hiring more staff.

“We know there is more to do,” she said.""", {"We see": "Maria Gonzalez", "We know": "Michelle Thompson"}),
("""Ontario Premier Doug Ford defended the plan on Monday.

Ford said the highway would save drivers time.

Opposition Leader Marit Stiles called it a waste of money.

“This is a highway to nowhere,” she said.

“People want shorter commutes,” he said.""", {"This is a highway": "Marit Stiles", "People want": "Doug Ford"}),
("""Sen. Elizabeth Warren questioned the bank's chief executive, Jamie Dimon, at the hearing.

“You have not answered my question,” she said.

Dimon said the bank had followed every rule.

“We have done nothing wrong,” he said.""", {"You have not": "Elizabeth Warren", "We have done": "Jamie Dimon"}),
("""Mr Johnson told MPs the scheme had been a success. He said the government would extend it.

“We will not stop here,” he said.

Mr Starmer called the claim absurd.

“The prime minister is living in a fantasy,” he said.""", {"We will not": "Johnson", "The prime minister is": "Starmer"}),
("""Emily Chen opened her bakery in Vancouver in 2019. Her landlord, Robert Mills, raised the rent by 40 per cent this year.

“I don't know how we'll survive,” she said.

Mills said the increase reflected market rates.

“Every other landlord is doing the same,” he said.""", {"I don't know": "Emily Chen", "Every other": "Robert Mills"}),
("""Auston Matthews scored his 30th goal of the season as Toronto beat Boston 3-1.

William Nylander had two assists. Goalie Joseph Woll stopped 28 shots.

Nylander said the team played its best game of the month.

“Everyone was skating,” he said.""", {"Everyone was": "William Nylander"}),
("""The RCMP arrested two men on Friday, police said.

Const. Jennifer Clarke said the investigation is ongoing.

“We are asking anyone with information to come forward,” she said.

Clarke said the men were known to police.""", {"We are asking": "Jennifer Clarke"}),
("""Finance Minister Chrystia Freeland tabled the budget on Tuesday.

Economist Jim Stanford said the deficit was smaller than expected.

“It's a responsible budget,” he said.

Freeland said the government would keep spending on housing.

“Housing is our top priority,” she said.""", {"It's a responsible": "Jim Stanford", "Housing is": "Chrystia Freeland"}),
("""Lisa Martin's son was diagnosed with autism at age three. She has been on a waiting list for therapy for two years.

“Every month we wait, he loses ground,” Martin said.

Her husband, Kevin, says the family has spent $30,000 on private care.

“We've drained our savings,” he said.""", {"We've drained": "Kevin"}),
("""Police say a woman was injured in a collision on Highway 401 on Sunday.

Sgt. Kerry Schmidt said the driver of the truck fled the scene.

“We need to find this driver,” he said.""", {"We need": "Kerry Schmidt"}),
("""Taylor Swift played the first of six Toronto shows on Thursday.

Fan Jessica Brown drove 10 hours from Thunder Bay with her daughter.

“It was worth every minute,” she said.""", {"It was worth": "Jessica Brown"}),
("""Manchester United manager Erik ten Hag said his side deserved the win.

“We were the better team,” he said.

Liverpool boss Jurgen Klopp disagreed.

“I don't think so,” he said. “We had the chances.”""", {"We were": "Erik ten Hag", "I don't think": "Jurgen Klopp"}),
("""A former nurse has been struck off after stealing drugs from patients.

The tribunal heard that Karen Walsh, 52, took morphine from the hospital over two years.

Panel chair Andrew Price said her conduct was deplorable.

“She abused the trust placed in her,” he said.""", {"She abused": "Andrew Price"}),
("""Quebec Premier François Legault announced the new tax on Wednesday.

Liberal MNA Monsef Derraji said it would hurt families.

“This government has no plan,” he said.

Legault rejected the criticism. He said the province needed the money.

“We have to pay for our hospitals,” he said.""", {"This government": "Monsef Derraji", "We have to pay": "François Legault"}),
("""Dr. Theresa Tam urged Canadians to get vaccinated on Friday.

She said case counts were rising in every province.

“This is not the time to let our guard down,” she said.

Tam's deputy, Dr. Howard Njoo, said hospitals were under strain.

“Our ICUs are filling up,” he said.""", {"This is not": "Theresa Tam", "Our ICUs": "Howard Njoo"}),
("""Kevin Mitchell told Reuters he had sold his company to a U.S. rival.

“It was the right time,” he said.

His former partner, Anne Hughes, was less sure.

“I think we sold too cheaply,” she said.""", {"It was the right": "Kevin Mitchell", "I think we sold": "Anne Hughes"}),
("""Mark Carney spoke to reporters in Ottawa. He was asked about tariffs by CBC's Rosemary Barton.

“We will respond in kind,” he said.""", {"We will respond": "Mark Carney"}),
("""Alberta Premier Danielle Smith said the province would sue Ottawa.

Smith said the federal rules were unconstitutional.

Environment Minister Steven Guilbeault said he was disappointed.

“The premier is playing politics,” he said.

“We will see them in court,” she said.""", {"The premier is": "Steven Guilbeault", "We will see": "Danielle Smith"}),
("""The coach, Rick Tocchet, praised Elias Pettersson after the game.

“He was everywhere tonight,” Tocchet said.

Pettersson shrugged it off.

“I just tried to help the team,” he said.""", {"I just tried": "Elias Pettersson"}),
("""Jane Doe, 34, sued the city after she fell on an icy sidewalk.

The city's lawyer, Tom Brady, said the sidewalk had been salted.

“The city met its obligations,” he said.

Doe said she broke her wrist.

“I couldn't work for three months,” she said.""", {"The city met": "Tom Brady", "I couldn't work": "Jane Doe"}),
]
ok = n = 0
for i, (t, exp) in enumerate(B):
    qs = extract_quotes(t)
    for k, want in exp.items():
        n += 1
        got = [q for q in qs if q.text.lstrip("“\"").startswith(k)]
        sp = got[0].speaker if got else "<noquote>"
        good = sp is not None and (sp == want or sp.split()[-1] == want.split()[-1] and len(want.split()) == 1)
        ok += good
        if not good or "-v" in sys.argv:
            print(f"{'OK ' if good else 'BAD'} #{i} {k!r}: want {want!r} got {sp!r}")
print(f"battery {ok}/{n}")
