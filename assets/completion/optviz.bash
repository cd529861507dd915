# Bash completion for optviz, installed as share/bash-completion/completions/optviz.
# tests/install checks that it offers every flag that `optviz --help`, `optviz run --help`,
# `optviz train --help`, `optviz render --help`, `optviz sweep --help` and `optviz basin --help` print, and every function
# and optimizer that `optviz list` prints.

_optviz_files() {  # FILE_PATTERN...: the matching files and every directory, for the current word
  local pattern
  compopt -o filenames 2>/dev/null
  for pattern in "$@"; do
    mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -X "!$pattern" -- "$cur")
  done
  mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -d -- "$cur")
}

_optviz_words() {  # WORDS: those that start with the current word
  mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$1" -- "$cur")
}

_optviz() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  # Bash splits "--function=rosenbrock" at "=": the option is then the word before the "=".
  if [[ $cur == "=" ]]; then
    cur=
  elif [[ $prev == "=" ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  COMPREPLY=()

  local command= i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      run | train | plane | render | sweep | basin | list)
        command=${COMP_WORDS[i]}
        break
        ;;
    esac
  done

  local functions="rosenbrock beale himmelblau booth rastrigin ackley goldstein_price saddle
    quadratic six_hump_camel styblinski_tang matyas"
  local optimizers="sgd momentum nesterov adagrad rmsprop adam adamw adadelta adamax nadam lion"
  local window_flags="-h --help --version --screenshot --frames --size --scale --open --present --step --theme --language
    --explain --view"
  local configuration_flags="--function --expr --data --loss --batch --shuffle --noise --seed
    --schedule --step-size --gamma --t-max --eta-min --warmup --warmup-start --optimizer --rule"
  local hyperparameter_flags="--eta --lr --rho --alpha --eps --momentum --dampening --beta1 --beta2 --weight-decay
    --lr-decay --initial-accumulator --momentum-decay --centered --amsgrad --eps-inside-sqrt --no-bias-correction"
  local run_flags="-h --help --out-dir $configuration_flags --start --steps --out $hyperparameter_flags"
  local sweep_flags="-h --help --run $configuration_flags --start --x --y --size --steps --out --colour --tolerance --csv
    $hyperparameter_flags"
  local basin_flags="-h --help --run $configuration_flags --view --size --steps --out --colour --csv $hyperparameter_flags"
  local train_flags="-h --help --data --dataset --rows --noise --test-fraction --layers --activation --loss --features
    --init --weights-out --stats --every --optimizer --rule --batch --shuffle --seed --schedule --step-size --gamma --t-max --eta-min
    --warmup --warmup-start --steps --out $hyperparameter_flags"
  local plane_flags="-h --help --directions --grid --span --snapshots --second-seed --second-init --csv --out --data
    --dataset --rows --noise --test-fraction --layers --activation --loss --features --init --optimizer --rule --batch
    --shuffle --seed --schedule --step-size --gamma --t-max --eta-min --warmup --warmup-start --steps
    $hyperparameter_flags"
  local render_flags="-h --help --out --gif --width --height --step --view --canvas-only --question --theme --fps --seconds"

  case $prev in
    --function)
      _optviz_words "$functions"
      return
      ;;
    --optimizer)
      _optviz_words "$optimizers"
      return
      ;;
    --data)
      _optviz_files '*.csv'
      return
      ;;
    --loss)
      if [[ $command == train || $command == plane ]]; then _optviz_words "logistic mse"; else _optviz_words "linear logistic"; fi
      return
      ;;
    --dataset)
      _optviz_words "circle xor gauss spiral plane multi-gauss"
      return
      ;;
    --activation)
      _optviz_words "tanh relu sigmoid"
      return
      ;;
    --directions)
      _optviz_words "pca random three-point line"
      return
      ;;
    --init | --weights-out)
      _optviz_files '*.json'
      return
      ;;
    --schedule)
      _optviz_words "constant step exponential cosine inverse_sqrt"
      return
      ;;
    --screenshot)
      _optviz_files '*.png'
      return
      ;;
    --out)
      case $command in
        render | sweep | basin) _optviz_files '*.png' ;;
        *) _optviz_files '*.csv' ;;
      esac
      return
      ;;
    --csv | --stats)
      _optviz_files '*.csv'
      return
      ;;
    --x | --y)
      if [[ $cur != *:* ]]; then
        compopt -o nospace 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -S : -W "eta rho eps momentum dampening beta1 beta2 weight_decay lr_decay
          initial_accumulator momentum_decay" -- "$cur")
      fi
      return
      ;;
    --gif)
      _optviz_files '*.gif'
      return
      ;;
    --theme)
      _optviz_words "dark light"
      return
      ;;
    --language)
      _optviz_words "en zh_CN"
      return
      ;;
    --view)
      # basin's --view is a box of numbers; the window's and render's a choice.
      [[ $command == basin ]] || _optviz_words "2d 3d"
      return
      ;;
    --out-dir)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      return
      ;;
    --colour)
      case $command in
        sweep) _optviz_words "loss steps" ;;
        basin) _optviz_words "minimum loss" ;;
      esac
      return
      ;;
    --open)
      _optviz_words "sweep basins sweep,basins"
      return
      ;;
    --size)
      case $command in
        sweep | basin) _optviz_words "64x64 128x128 256x256 512x512 1024x1024" ;;
        *) _optviz_words "1280x800 1600x1000 1920x1080" ;;
      esac
      return
      ;;
    --expr | --rule | --batch | --noise | --seed | --step-size | --gamma | --t-max | --eta-min | --warmup | \
      --warmup-start | --start | --steps | --tolerance | --frames | --scale | --width | --height | --step | --fps | \
      --seconds | --run | --rows | --test-fraction | --layers | --features | --eta | --lr | --rho | --alpha | --eps | --momentum | --dampening | --beta1 | \
      --beta2 | --weight-decay | --lr-decay | --initial-accumulator | --momentum-decay)
      return  # a value of the user's
      ;;
  esac

  case $command in
    "")
      if [[ $cur == -* ]]; then
        _optviz_words "$window_flags"
      else
        _optviz_words "run train plane render sweep basin list"
        _optviz_files '*.json' '*.png'
      fi
      ;;
    run)
      if [[ $cur == -* ]]; then _optviz_words "$run_flags"; else _optviz_files '*.json' '*.png'; fi
      ;;
    train)
      if [[ $cur == -* ]]; then _optviz_words "$train_flags"; else _optviz_files '*.csv'; fi
      ;;
    plane)
      if [[ $cur == -* ]]; then _optviz_words "$plane_flags"; else _optviz_files '*.csv'; fi
      ;;
    render)
      if [[ $cur == -* ]]; then _optviz_words "$render_flags"; else _optviz_files '*.json' '*.png'; fi
      ;;
    sweep)
      if [[ $cur == -* ]]; then _optviz_words "$sweep_flags"; else _optviz_files '*.json' '*.png'; fi
      ;;
    basin)
      if [[ $cur == -* ]]; then _optviz_words "$basin_flags"; else _optviz_files '*.json' '*.png'; fi
      ;;
    list)
      _optviz_words "-h --help"
      ;;
  esac
}

complete -F _optviz optviz
